/**
 * How each platform release builds its requests (cloudpods-webhook.md, "What each
 * release sends"), for everything that renders platform requests: the simulator, the
 * wizard's preview, endpoint-mode replays and test deliveries.
 */
export const PLATFORM_RELEASES = ["3.7", "3.9", "3.10.3", "3.11", "current"] as const;
export type PlatformRelease = (typeof PLATFORM_RELEASES)[number];

export const RELEASE_LABELS: Record<PlatformRelease, string> = {
  "3.7": "3.7 and older (bare message, no result)",
  "3.9": "3.8-3.9 (title as X-Yunion-Event, VALIDATE)",
  "3.10.3": "3.10.0-3.10.3 (empty X-Yunion-Event on texts)",
  "3.11": "3.11.13+ (signed; raw control characters)",
  current: "current: master, 4.0.4+ (signed)",
};

export type ReleaseProfile = {
  /** The message's copy under msg_key (3.10.4+). */
  copy: boolean;
  /** The message's result field (3.8+). */
  result: boolean;
  /** X-Yunion-Event of an event: TYPE/ACTION (3.7's topic), TYPE_ACTION_FAILED (3.8-3.9's
   *  title), or TYPE/ACTION[/FAILED]. */
  eventHeader: "topic" | "title" | "slashed";
  /** X-Yunion-Event of a text: absent, empty (3.10.0-3.10.3), or its title (3.8-3.9). */
  textHeader: "absent" | "empty" | "title";
  /** X-Yunion-Event of a validation. */
  validationHeader: string | null;
  traceHeaders: boolean;
  /** Only 3.11.13+ and 4.0+ sign with X-Auth-Token. */
  signs: boolean;
  /** Control characters written raw inside strings (everything before mid-2026). */
  rawControl: boolean;
  /** 3.10.0-3.10.3 end every text with "\n来自 <API server URL>". */
  textSuffix: boolean;
  /** 3.8-3.9 overwrite resource_details.brand with the company name. */
  brand: string | null;
};

const CURRENT: ReleaseProfile = {
  copy: true,
  result: true,
  eventHeader: "slashed",
  textHeader: "absent",
  validationHeader: null,
  traceHeaders: true,
  signs: true,
  rawControl: false,
  textSuffix: false,
  brand: null,
};

export const RELEASE_PROFILES: Record<PlatformRelease, ReleaseProfile> = {
  "3.7": {
    ...CURRENT,
    copy: false,
    result: false,
    eventHeader: "topic",
    traceHeaders: false,
    signs: false,
    rawControl: true,
  },
  "3.9": {
    ...CURRENT,
    copy: false,
    eventHeader: "title",
    textHeader: "title",
    validationHeader: "VALIDATE",
    signs: false,
    rawControl: true,
    brand: "Yunion Cloud",
  },
  "3.10.3": {
    ...CURRENT,
    copy: false,
    textHeader: "empty",
    validationHeader: "",
    signs: false,
    rawControl: true,
    textSuffix: true,
  },
  "3.11": { ...CURRENT, rawControl: true },
  current: CURRENT,
};

/** The API server URL 3.10.0-3.10.3 append to texts (any platform's own; this one's). */
export const SAMPLE_API_SERVER = "https://cloudpods.example:30888";

export const TRACE_HEADER_NAMES = new Set([
  "x-request-id",
  "x-yunion-peer-service-name",
  "x-yunion-span-id",
  "x-yunion-span-name",
  "x-yunion-strace-id",
  "x-yunion-parent-id",
  "x-yunion-strace-debug",
]);

/** Go's http.CanonicalHeaderKey: "x-api-key" -> "X-Api-Key"; names with characters that
 *  are not token characters stay as they are. */
export function canonicalHeaderName(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** The release to render like, for a delivery told to come from `detected` (lib/cloudpods/
 *  detect-release.ts): re-sending it as that platform would. Unknown: current. */
export function renderingReleaseOf(detected: string | null | undefined): PlatformRelease {
  switch (detected) {
    case "up to 3.7":
      return "3.7";
    case "3.8-3.9":
      return "3.9";
    case "3.8-3.10.3":
    case "3.10.0-3.10.3":
      return "3.10.3";
    default:
      return "current";
  }
}
