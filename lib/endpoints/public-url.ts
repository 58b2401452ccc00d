import "server-only";
import { getDatabase } from "../db/sqlite";
import { publicBaseUrl } from "../http/base-url";
import type { PublicUrlView } from "./endpoint-types";
import { getConfig } from "../config";

/**
 * The public base URL receivers are given under. HOOKLENS_PUBLIC_URL, when set, is the
 * deployment's word and wins; otherwise an operator may store one from the UI (for when
 * Hooklens sits behind a proxy and nobody can edit the environment); otherwise it is the
 * address the browser used.
 */
const SETTING_KEY = "public_base_url";

export function getPublicUrlSetting(): string | null {
  const value = getDatabase()
    .prepare("SELECT value FROM settings WHERE key = ?")
    .pluck()
    .get(SETTING_KEY);
  return typeof value === "string" && value !== "" ? value : null;
}

export function setPublicUrlSetting(value: string | null): void {
  const db = getDatabase();
  if (value === null) db.prepare("DELETE FROM settings WHERE key = ?").run(SETTING_KEY);
  else {
    db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(SETTING_KEY, value, Date.now());
  }
}

export function resolvePublicUrl(
  request: Request | null,
  env = getConfig().HOOKLENS_PUBLIC_URL,
): PublicUrlView {
  const setting = getPublicUrlSetting();
  if (env) return { public_url: publicBaseUrl(request, env), source: "env", setting };
  if (setting) return { public_url: setting, source: "setting", setting };
  return { public_url: publicBaseUrl(request, ""), source: "request", setting };
}

/** The base receiver URLs are built from, for API answers. */
export function resolvePublicBaseUrl(request: Request | null): string {
  return resolvePublicUrl(request).public_url;
}
