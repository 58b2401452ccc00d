import path from "node:path";

/** The admin token the e2e server runs with (playwright.config.ts). */
export const E2E_ADMIN_TOKEN = "hooklens-e2e-admin-token-0123456789";

/** Where the `setup` project leaves the logged-in browser state every spec starts from. */
export function storageStatePath(dataDir = process.env.E2E_DATA_DIR): string {
  if (!dataDir) throw new Error("E2E_DATA_DIR is set by playwright.config.ts");
  return path.join(dataDir, "storage-state.json");
}
