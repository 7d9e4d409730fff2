// The catalog domain: one-click apps as templates (built-in `catalog/`, the user's folders), each
// checked as a whole when loaded; rendering one install's values into a stack; plan and install
// through the stacks, routes and checks domains. Other domains and the API import it from here.
export * from "./schemas";
export { loadCatalog, findTemplate, catalogDirs, loadTemplateDir, CATALOG_DIR_ENV, type CatalogDir, type LoadedTemplate, type LoadedCatalog } from "./loader";
export { checkIcon, MAX_ICON_BYTES, type IconCheck } from "./icon";
export { renderInstall, renderCompose, resolveValues, generatePassword, envLine, GENERATED_PASSWORD_LENGTH, type RenderedInstall } from "./render";
export { validateTemplate, sampleValues } from "./validate";
export { gpusForInstall, dialAddress } from "./prepare";
export { planInstall, installApp } from "./install";
export { completeCatalogInstalls, scheduleCatalogFollowUps, FOLLOW_UP_INTERVAL_MS } from "./follow-up";
export { listCatalog, getCatalogApp, getCatalogIcon, templateImages } from "./views";
