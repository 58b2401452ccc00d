import type { AppRoute } from "./app-routes";
import type { HostileRequest } from "./hostile-client";
import {
  HOSTILE_BODIES,
  HOSTILE_HEADERS,
  HOSTILE_JSON_VALUES,
  HOSTILE_SEGMENTS,
  HOSTILE_TEXTS,
  RAW_QUERY_VALUES,
} from "./hostile-requests";

/**
 * The requests tests/integration/fuzz-routes.test.ts sends to each route: the hostile
 * inputs of hostile-requests.ts put where the route reads them.
 */

/** Real values for each dynamic segment, keyed by the path up to it (`events/[id]`). */
export type RealIds = Record<string, string>;

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The route's path with real ids, or with `hostile` in dynamic segment `at`. */
export function pathFor(route: AppRoute, real: RealIds, at = -1, hostile = ""): string {
  const segments = route.template.split("/");
  let dynamic = -1;
  return segments
    .map((segment, i) => {
      if (!segment.startsWith("[")) return segment;
      dynamic++;
      if (dynamic === at) return hostile;
      const key = segments
        .slice(1, i + 1)
        .filter((part) => part !== "api")
        .join("/");
      return real[key] ?? "1";
    })
    .join("/");
}

const query = (pairs: Array<[string, string]>) =>
  "?" + pairs.map(([name, value]) => `${name}=${value}`).join("&");

export function requestsFor(
  route: AppRoute,
  options: { isPage: boolean; fields: string[]; real: RealIds; auth: Record<string, string> },
): HostileRequest[] {
  const { isPage, fields, real, auth } = options;
  const requests: HostileRequest[] = [];
  const dynamicCount = (route.template.match(/\[/g) ?? []).length;
  const readsQuery = isPage || route.source.includes("searchParams");
  const readsBody = /readJson|request\.(json|text|formData|arrayBuffer|body)\b/.test(route.source);
  const methods = isPage ? ["GET", "POST"] : route.methods;
  const add = (method: string, target: string, extra: Partial<HostileRequest> = {}) =>
    requests.push({
      method,
      target,
      headers: { ...auth, "content-type": "application/json", ...extra.headers },
      body: extra.body ?? (BODY_METHODS.has(method) ? "{}" : undefined),
    });

  // Methods the route does not take: Next's answer, not ours, but still not a 500.
  for (const method of ["OPTIONS", "PROPFIND", "TRACE"]) add(method, pathFor(route, real));
  for (const method of methods) {
    for (let at = 0; at < dynamicCount; at++)
      for (const segment of HOSTILE_SEGMENTS) add(method, pathFor(route, real, at, segment));
    for (const headers of HOSTILE_HEADERS) add(method, pathFor(route, real), { headers });
  }
  const get = route.methods.includes("GET") || isPage;
  if (get && readsQuery) {
    const base = pathFor(route, real);
    const texts = HOSTILE_TEXTS.map(encodeURIComponent).concat(RAW_QUERY_VALUES);
    // Every field at once, in a target under the header limit (HOOKLENS_MAX_HEADER_BYTES).
    for (const text of texts.filter((value) => value.length < 100))
      add("GET", base + query(fields.map((name) => [name, text])));
    add("GET", base + "?__proto__[x]=1&constructor=1&limit=1&limit=2&endpoint=a&endpoint=b");
    if (!isPage)
      fields.forEach((name, i) => add("GET", base + query([[name, texts[i % texts.length]!]])));
  }
  for (const method of route.methods.filter((m) => BODY_METHODS.has(m))) {
    const target = pathFor(route, real);
    for (const body of HOSTILE_BODIES) add(method, target, { body });
    if (!readsBody) continue;
    for (const value of HOSTILE_JSON_VALUES) {
      add(method, target, { body: `{${fields.map((name) => `"${name}":${value}`).join(",")}}` });
    }
    fields.forEach((name, i) =>
      add(method, target, {
        body: `{"${name}":${HOSTILE_JSON_VALUES[i % HOSTILE_JSON_VALUES.length]}}`,
      }),
    );
  }
  return requests;
}

/**
 * Valid bodies of the routes that act on what they are sent (replay, bulk replay, rules,
 * previews), each field in turn replaced by every hostile value: past validation of the
 * rest, so that a hostile header list or body reaches the code that would send it.
 */
export function deepRequests(
  real: RealIds,
  ok: string,
  auth: Record<string, string>,
): HostileRequest[] {
  const bases: Array<[string, string, Record<string, unknown>, string[]]> = [
    [
      "POST",
      `/api/events/${real["events/[id]"]}/replay`,
      { url: ok, mode: "edited" },
      ["headers", "body", "url", "timeout_ms"],
    ],
    [
      "POST",
      "/api/replays/bulk",
      { url: ok, mode: "exact", filter: { endpoint: real["endpoints/[id]"] }, dry_run: true },
      ["filter", "concurrency", "url", "mode"],
    ],
    [
      "POST",
      "/api/forwards",
      { name: "deep", url: ok, mode: "exact", filter: { endpoint: "ep_none" } },
      ["headers", "template", "chat", "filter", "url"],
    ],
    [
      "POST",
      "/api/forwards/dry-run",
      { filter: { endpoint: "ep_none" }, limit: 5 },
      ["filter", "limit"],
    ],
    [
      "POST",
      "/api/endpoints/preview",
      { endpoint_id: real["endpoints/[id]"] },
      ["header", "body", "msg_key", "topic", "release"],
    ],
    [
      "PATCH",
      `/api/endpoints/${real["endpoints/[id]"]}`,
      { name: "deep" },
      ["header", "body", "msg_key", "secret_key"],
    ],
  ];
  return bases.flatMap(([method, target, base, fields]) =>
    fields.flatMap((field) =>
      HOSTILE_JSON_VALUES.map((value) => {
        const rest = JSON.stringify({ ...base, [field]: undefined }).slice(1, -1);
        return {
          method,
          target,
          headers: { ...auth, "content-type": "application/json" },
          body: `{${rest ? `${rest},` : ""}"${field}":${value}}`,
        };
      }),
    ),
  );
}
