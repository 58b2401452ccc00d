import type { RecentDeliveryRow } from "../db/queries/endpoint-traffic";
import { SIGNATURE_REASON_WORDS } from "../cloudpods/check-signature";
import { describeWarning } from "../cloudpods/delivery-warnings";
import {
  endpointRelease,
  RELEASE_NOTES,
  RELEASES,
  type Release,
} from "../cloudpods/detect-release";

/** What an endpoint's recent deliveries say about the platform behind it. */
export type EndpointRelease = {
  /** The release range its platform appears to run (lib/cloudpods/detect-release.ts). */
  release: string | null;
  /** What follows for the operator from that release. */
  release_notes: string[];
  /** The problems seen, most frequent first, each with what it means and its fix. */
  problems: EndpointProblem[];
};

export type EndpointProblem = {
  /** A delivery warning code, or the refusal's: no_token, token_mismatch, invalid_json. */
  code: string;
  message: string;
  count: number;
  /** The newest delivery that shows it. */
  latest_id: number;
};

/** One recent delivery, as the data layer reads it (warnings: a JSON array of codes). */
export type RecentDelivery = RecentDeliveryRow;

/** Refusals say why: a signature the endpoint could not accept, or bytes that are not JSON. */
function refusal(row: RecentDelivery): { code: string; message: string } | null {
  if (row.signature_reason === "no_token" || row.signature_reason === "token_mismatch") {
    return {
      code: row.signature_reason,
      message: `Answered 401, so the platform counts the send as failed: ${SIGNATURE_REASON_WORDS[row.signature_reason]}`,
    };
  }
  if (row.answered_error === "invalid_json") {
    return {
      code: "invalid_json",
      message: `Answered 400: the body is not JSON even when read leniently (${row.parse_error ?? "unreadable"}). The platform re-sends it about twice, then gives up.`,
    };
  }
  return null;
}

function problemsOf(row: RecentDelivery): Array<{ code: string; message: string }> {
  const found: Array<{ code: string; message: string }> = [];
  for (const text of row.warnings ? (JSON.parse(row.warnings) as string[]) : []) {
    found.push(describeWarning(text));
  }
  const refused = refusal(row);
  if (refused) found.push(refused);
  return found;
}

/** Which concrete platforms each range can be: ranges that share none cannot be one
 *  platform ("3.10.4+" and "3.11.13+ or 4.0+" can; "up to 3.7" and "3.10.4+" cannot). */
const PLATFORMS: Record<Release, string[]> = {
  [RELEASES.upTo37]: ["3.7"],
  [RELEASES.r38to39]: ["3.9"],
  [RELEASES.r38to3103]: ["3.9", "3.10.3"],
  [RELEASES.r3100to3103]: ["3.10.3"],
  [RELEASES.r3104plus]: ["unsigning", "signing"],
  [RELEASES.neverSigns]: ["unsigning"],
  [RELEASES.signs]: ["signing"],
};

/** Several platforms (or one that was upgraded) send to this endpoint: say which. */
function mixedReleases(recent: RecentDelivery[]): EndpointProblem | null {
  const counts = new Map<Release, { count: number; latest: number }>();
  for (const row of recent) {
    if (!row.release || !(row.release in PLATFORMS)) continue;
    const seen = counts.get(row.release as Release);
    if (seen) seen.count++;
    else counts.set(row.release as Release, { count: 1, latest: row.id });
  }
  const ranges = [...counts.keys()];
  const common = ranges.reduce<string[] | null>(
    (left, range) => (left ?? PLATFORMS[range]).filter((p) => PLATFORMS[range].includes(p)),
    null,
  );
  if (common === null || common.length > 0) return null;
  const listed = [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([range, { count }]) => `${range} ×${count}`)
    .join(", ");
  return {
    code: "mixed_releases",
    message: `Deliveries of several platform releases arrive here (${listed}): more than one platform sends to this robot address, or the platform was upgraded. The release shown is the newest delivery's.`,
    count: recent.filter((row) => row.release && row.release in PLATFORMS).length,
    latest_id: Math.max(...[...counts.values()].map((seen) => seen.latest)),
  };
}

/** The endpoint's release and problems from its recent deliveries, newest first. */
export function summarizeEndpointRelease(recent: RecentDelivery[]): EndpointRelease {
  const release = endpointRelease(recent.map((row) => row.release));
  const problems = new Map<string, EndpointProblem>();
  for (const row of recent) {
    for (const problem of problemsOf(row)) {
      const seen = problems.get(problem.code);
      if (seen) seen.count++;
      else problems.set(problem.code, { ...problem, count: 1, latest_id: row.id });
    }
  }
  const mixed = mixedReleases(recent);
  if (mixed) problems.set(mixed.code, mixed);
  return {
    release,
    release_notes: release ? RELEASE_NOTES[release] : [],
    problems: [...problems.values()].sort(
      (a, b) => b.count - a.count || b.latest_id - a.latest_id || a.code.localeCompare(b.code),
    ),
  };
}
