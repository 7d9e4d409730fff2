import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import { readdirSync, statSync } from "node:fs";

// ── Import rules (docs/ARCHITECTURE.md says why) ──
// lib/<domain>/ folders; generated code is not a domain.
const DOMAINS = readdirSync("lib").filter((d) => d !== "generated" && statSync(`lib/${d}`).isDirectory());
// Foundations any lib code may use in full: the database, network guards, the agent protocol, live events, config.
const FOUNDATIONS = ["db", "net", "protocol", "events", "config", "generated"];
// Published leaf modules of a domain that others import directly (browser-safe schemas and names, pure helpers,
// the Route row parser the domains a route is built from read route rows with,
// crypto utilities, the pure probe engine, the "checks changed" signal, the page-session helper that only pages
// may load). Everything else goes through index.ts.
const PUBLIC_LEAVES = ["[a-z-]+/schemas", "[a-z-]+/names", "inventory/runtime", "inventory/service-state", "routes/exposure", "routes/record", "auth/secret-box", "auth/tokens", "auth/page-session", "probes/wake", "probes/engine(/.*)?"];
const leaves = PUBLIC_LEAVES.join("|");
const otherDomainDeep = (d) => `^@/lib/(?!${d}/)(?!(${FOUNDATIONS.join("|")})/)(?!(${leaves})$)[a-z-]+/.+`;
const UPWARD = { group: ["@/app/*", "@/components/*", "@/agents/*"], message: "lib/ serves app/, components/ and agents/; it does not import them." };
const domainRules = DOMAINS.map((d) => ({
  files: [`lib/${d}/**/*.{ts,tsx}`],
  ignores: ["**/*.test.ts", "**/*.test.tsx"],
  rules: {
    "no-restricted-imports": ["error", {
      patterns: [
        UPWARD,
        ...(d === "api" ? [] : [{ group: ["@/lib/api", "@/lib/api/*"], message: "Domain code does not depend on the HTTP layer: throw DomainError (lib/errors), take an AuditOrigin (lib/audit); lib/api maps them." }]),
        { regex: otherDomainDeep(d), allowTypeImports: true, message: "Import another domain through its index.ts (or one of its published leaf modules, see eslint.config.mjs)." },
      ],
    }],
  },
}));

const UI_PATTERN = { group: ["@/lib/db", "@/lib/db/*", "@/lib/generated/*", "@/lib/api/*", "@/agents/*", "@/app/*"], allowTypeImports: true, message: "Components render what lib/ gives them: no database, no HTTP internals, no agent program, no pages." };
// "3 seconds ago" worded during render differs between the server's HTML and the browser's first render
// (React's hydration error #418): components show times with <Time>, which words them after hydration.
const NOW_IN_RENDER = { name: "@/lib/client/format", importNames: ["relativeTime"], message: "Show a time with <Time iso=…> (components/ui/time): wording it relative to now during render breaks hydration." };

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", "lib/generated/", "data/", ".tmp/", "test-results/", "playwright-report/", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  ...domainRules,
  {
    // The agent program runs on every host without the dashboard's code: only the protocol, the pure
    // rollout planner, the probe engine and the logger.
    files: ["agents/**/*.ts"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ regex: "^@/(?!agents/|lib/protocol(/|$)|lib/deploy(/|$)|lib/probes/engine(/|$)|lib/log$)", allowTypeImports: true, message: "The agent imports only lib/protocol, lib/deploy, lib/probes/engine and lib/log." }],
      }],
    },
  },
  {
    // UI code: no database, no HTTP layer internals, no agent program, no pages.
    files: ["components/**/*.{ts,tsx}", "lib/client/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [UI_PATTERN], paths: [NOW_IN_RENDER] }] },
  },
  {
    // The one place that may word a time relative to now: it does so only after hydration.
    files: ["components/ui/time.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [UI_PATTERN] }] },
  },
);
