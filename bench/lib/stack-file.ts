// The Compose file the stack benchmark applies both through Homeport and with docker-compose: ten
// services from the busybox test image in three dependency levels, half with a fast healthcheck,
// one named volume shared by two services, two ports published on 127.0.0.1 (values from .env).

/** Services in the file, and their dependency levels (what Homeport's planner should find). */
export const STACK_SERVICES = 10;
export const STACK_LEVELS = [
  ["cache", "db", "metrics", "queue", "static"],
  ["api", "search", "worker"],
  ["scheduler", "web"],
];

const httpd = (body: string) => `["sh", "-c", "mkdir -p /www && echo ${body} > /www/index.html && exec httpd -f -p 8080 -h /www"]`;
/** Serves what it fetched from `upstream` (by its alias on the stack's network) plus its own name. */
const relay = (upstream: string, body: string) =>
  `["sh", "-c", "mkdir -p /www && wget -q -O /www/index.html http://${upstream}:8080/ && echo ${body} >> /www/index.html && exec httpd -f -p 8080 -h /www"]`;
const loop = `["sh", "-c", "while true; do sleep 1; done"]`;
const health = `
    healthcheck:
      test: ["CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 10`;

export const STACK_COMPOSE = `
services:
  db:
    image: \${IMAGE}
    command: ${httpd("db")}
    volumes:
      - data:/data${health}
  cache:
    image: \${IMAGE}
    command: ${httpd("cache")}${health}
  queue:
    image: \${IMAGE}
    command: ${loop}
  static:
    image: \${IMAGE}
    command: ${httpd("static")}
    ports:
      - "127.0.0.1:\${STATIC_PORT}:8080"
  metrics:
    image: \${IMAGE}
    command: ${loop}
    environment:
      SCRAPE_INTERVAL: "15"
  api:
    image: \${IMAGE}
    command: ${relay("db", "api")}
    environment:
      DB_URL: "http://db:8080/"
    depends_on:
      db:
        condition: service_healthy${health}
  search:
    image: \${IMAGE}
    command: ${httpd("search")}
    depends_on: [cache]${health}
  worker:
    image: \${IMAGE}
    command: ${loop}
    volumes:
      - data:/work
    depends_on: [queue]
  web:
    image: \${IMAGE}
    command: ${relay("api", "web")}
    ports:
      - "127.0.0.1:\${WEB_PORT}:8080"
    depends_on:
      api:
        condition: service_healthy${health}
  scheduler:
    image: \${IMAGE}
    command: ${loop}
    depends_on:
      worker:
        condition: service_started
volumes:
  data:
`;

/** The stack's .env: the image and two free loopback ports. */
export const stackEnv = (image: string, ports: { web: number; static: number }): string =>
  `IMAGE=${image}\nWEB_PORT=${ports.web}\nSTATIC_PORT=${ports.static}\n`;

/** What `web` serves once the whole chain came up in order: db's page, then api's, then its own. */
export const WEB_ANSWER = "db\napi\nweb";
