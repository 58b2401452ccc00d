import "server-only";
import { PUBLIC_URL_SETTING, readSetting, writeSetting } from "../db/queries/settings";
import { publicBaseUrl } from "../http/base-url";
import type { PublicUrlView } from "./endpoint-types";
import { getConfig } from "../config";

/**
 * The public base URL receivers are given under. HOOKLENS_PUBLIC_URL, when set, is the
 * deployment's word and wins; otherwise an operator may store one from the UI (for when
 * Hooklens sits behind a proxy and nobody can edit the environment); otherwise it is the
 * address the browser used.
 */
export async function getPublicUrlSetting(): Promise<string | null> {
  const value = await readSetting(PUBLIC_URL_SETTING);
  return value !== null && value !== "" ? value : null;
}

export async function setPublicUrlSetting(value: string | null): Promise<void> {
  await writeSetting(PUBLIC_URL_SETTING, value);
}

export async function resolvePublicUrl(
  request: Request | null,
  env = getConfig().HOOKLENS_PUBLIC_URL,
): Promise<PublicUrlView> {
  const setting = await getPublicUrlSetting();
  if (env) return { public_url: publicBaseUrl(request, env), source: "env", setting };
  if (setting) return { public_url: setting, source: "setting", setting };
  return { public_url: publicBaseUrl(request, ""), source: "request", setting };
}

/** The base receiver URLs are built from, for API answers. */
export async function resolvePublicBaseUrl(request: Request | null): Promise<string> {
  return (await resolvePublicUrl(request)).public_url;
}
