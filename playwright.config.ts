// Browser tests in Debian's Chromium against the real server (`npx tsx server.ts`) on a fresh
// data directory. The tests share one database, so they run in file order on one worker:
// first-run set-up comes first, the lock-out test last.
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATA_DIR = ".tmp/e2e-data";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results/artifacts",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: {
    // `exec` so the server itself gets Playwright's stop signal and shuts down cleanly.
    command: `rm -rf ${E2E_DATA_DIR} && exec node --import tsx server.ts`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      HOMEPORT_DATA_DIR: E2E_DATA_DIR,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Test-only catalog templates (busybox based, one broken on purpose) beside the built-in ones.
      HOMEPORT_CATALOG_DIR: "e2e/fixtures/catalog",
    },
  },
});
