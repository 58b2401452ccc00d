import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "../http/api-error";
import { connection } from "./connection";

/**
 * What serves on PostgreSQL so far (issue 14 ports domain by domain; STYLE.md, "The data
 * layer"). Everything else under /api/ answers 503 `not_on_postgresql` there, naming what
 * it is, so that a half-ported server never pretends: only these prefixes pass.
 */
const PORTED_API = [
  /^\/api\/hooks\/[^/]+\/?$/,
  /^\/api\/events\/?$/,
  /^\/api\/events\/stream\/?$/,
  /^\/api\/events\/\d+\/?$/,
  /^\/api\/events\/(?:facets|export)\/?$/,
  /^\/api\/events\/\d+\/replays?\/?$/,
  /^\/api\/replays\/?$/,
  /^\/api\/replays\/\d+(?:\/retry)?\/?$/,
  /^\/api\/replays\/bulk(?:\/\d+(?:\/(?:cancel|stream))?)?\/?$/,
  /^\/api\/auth\//,
  /^\/api\/endpoints(?:\/|$)/,
  /^\/api\/replays\/destinations(?:\/|$)/,
  /^\/api\/resources\/?$/,
  /^\/api\/resources\/(?:types|noise-fields|timeline-steps)\/?$/,
  /^\/api\/changes\/?$/,
  /^\/api\/stats(?:\/(?:failures|top-resources|latest-failures))?\/?$/,
  /^\/api\/search(?:\/(?:fields|rebuild))?\/?$/,
  /^\/api\/events\/\d+\/forwards\/?$/,
  /^\/api\/forwards(?:\/(?:dry-run|stream|\d+(?:\/(?:attempts|dead(?:\/retry)?|pause|resume))?))?\/?$/,
];

/** A resource's timeline, state and compare: its id may hold an encoded slash (%2F). */
const PORTED_RESOURCE = /^\/api\/resources\/[^/]+\/[^/]+(?:\/(?:state|compare))?\/?$/;

/** The API that still runs SQLite SQL, by path, for the refusal's message and the start log. */
export const UNPORTED_FEATURES: Array<{ prefix: string; feature: string }> = [];

/** Background work that does not run on PostgreSQL yet. */
export const UNPORTED_JOBS: string[] = [];

export const PORTED_SUMMARY =
  "the receiver (a re-send is recognised whichever instance it reaches), the feed (with " +
  "payload search, its index kept by one instance at a time), its facets, export and stream (live across instances), delivery " +
  "details, replays of one delivery (sending, retrying, their history), bulk replays " +
  "(run once across instances, taken over when their instance dies, cancelled and followed " +
  "from any), " +
  "endpoints (list, create, edit, delete, token rotation, preview, stats), the public base " +
  "URL setting, saved replay destinations, log-in sessions, the setup wizard's forms, " +
  "resources (the list, type counts, noise fields, timelines with their diffs, states and " +
  "comparisons, kept by one instance at a time) and field changes, the stats (counts, failures, " +
  "top resources, latest failures) and their rollups, retention, the contents' compression " +
  "dictionary (learned once across instances), the planner's statistics (autovacuum's), " +
  "forwarding rules and a delivery's forwards (sent once across instances, taken over when " +
  "their instance dies)";

/** Dot segments, encoded separators, doubled slashes: a ported prefix must not lead elsewhere. */
const INDIRECT = /\.\.|%2e|%2f|%5c|\/\//i;
/** The same without the encoded slash, which a resource id may hold inside its segment. */
const INDIRECT_BUT_SLASH = /\.\.|%2e|%5c|\/\//i;

/** The feature an unported path belongs to, or null when it serves on PostgreSQL. */
export function unportedFeature(path: string): string | null {
  if (!path.startsWith("/api/")) return null;
  if (!INDIRECT.test(path) && PORTED_API.some((ported) => ported.test(path))) return null;
  if (!INDIRECT_BUT_SLASH.test(path) && PORTED_RESOURCE.test(path)) return null;
  return UNPORTED_FEATURES.find((entry) => path.startsWith(entry.prefix))?.feature ?? "this API";
}

/** Answers 503 not_on_postgresql for an unported path and says true; false otherwise. */
export function refuseUnported(req: IncomingMessage, res: ServerResponse): boolean {
  const target = req.url ?? "/";
  const feature = unportedFeature(target.replace(/[?#].*$/, ""));
  if (feature === null) return false;
  const message =
    `Hooklens does not serve ${feature} on PostgreSQL yet (issue 14): this server runs ` +
    `with HOOKLENS_POSTGRES_UNFINISHED=1, for development. On PostgreSQL it serves ${PORTED_SUMMARY}.`;
  const json = JSON.stringify({ error: { code: "not_on_postgresql", message } });
  res.writeHead(503, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
  });
  res.end(json);
  req.resume();
  return true;
}

/** Throws 503 not_on_postgresql on PostgreSQL: for a part of a ported API that is not. */
export function refuseOnPostgresql(feature: string): void {
  if (connection().engine !== "postgresql") return;
  throw new ApiError(
    "not_on_postgresql",
    `Hooklens does not serve ${feature} on PostgreSQL yet (issue 14).`,
  );
}
