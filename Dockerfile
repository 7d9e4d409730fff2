# Homeport control plane (and, with another command, its agent) in one image.
# Build: docker build -t homeport .   Run: see docker-compose.yml
FROM node:20-bookworm-slim AS build
WORKDIR /app
# No phone-home while building: Prisma's update check, Next's telemetry, npm's update notice.
ENV CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN DATABASE_URL=file:/tmp/build.db npx prisma generate && NEXT_TELEMETRY_DISABLED=1 npm run build
RUN npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false HOMEPORT_DATA_DIR=/data PORT=3000 HOST=0.0.0.0
# Ping checks use the system's ping (iputils; Docker grants the NET_RAW it needs by default).
RUN apt-get update && apt-get install -y --no-install-recommends iputils-ping && rm -rf /var/lib/apt/lists/*
RUN groupadd --system homeport && useradd --system --gid homeport --home /data homeport && mkdir -p /data && chown homeport:homeport /data
COPY --from=build --chown=homeport:homeport /app /app
USER homeport
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "--import", "tsx", "server.ts"]
