/**
 * Warning codes a delivery can carry, and what each means in words. A code may name
 * what it is about after a colon: "event_fields_overridden:action,resource_type".
 */
export const WARNING_CODES = [
  "message_overwritten",
  "raw_control_characters",
  "event_fields_overridden",
  "copy_disagrees",
  "header_disagrees",
  "unsigned_validation",
  "token_without_secret",
  "redirected_request",
  "secret_fields_truncated",
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

/** How many redacted field names a delivery keeps: a body of 17,000 secrets made every
 *  list, timeline and badge carry 17,000 names (issue 13). */
export const MAX_SECRET_FIELDS = 100;

export type WarningDetail = { code: string; message: string };

export function warning(code: WarningCode, subjects?: string[]): string {
  return subjects?.length ? `${code}:${subjects.join(",")}` : code;
}

const WORDS: Record<WarningCode, (subjects: string) => string> = {
  message_overwritten: () =>
    "A key of the robot's body has the msg_key's name, so it replaced the message text: rename that body key.",
  raw_control_characters: () =>
    "The body has raw control characters inside strings, so it is not strict JSON; it was read leniently and kept byte-exact. Releases before mid-2026 write these (fixed in master after 2026-07, 3.11 after 2026-08 and 4.0.4).",
  event_fields_overridden: (fields) =>
    `The robot's body (or its msg_key) has keys named like event fields (${fields}), which replaced what the platform said at the top level; Hooklens read them from the platform's own copy of the message instead. Rename those keys.`,
  copy_disagrees: (fields) =>
    `The top-level fields and the platform's copy of the message under msg_key disagree (${fields}); Hooklens read the copy.`,
  header_disagrees: (fields) =>
    `The body and X-Yunion-Event disagree about ${fields}: a robot header or body key probably replaced one of them.`,
  unsigned_validation: () =>
    "A validation without X-Auth-Token at an endpoint with a secret_key, accepted so that the robot can be saved: the platform sends it when a robot's address is changed, and never has the secret then (its API does not return it). A validation with a wrong token is still refused.",
  token_without_secret: () =>
    "X-Auth-Token was sent, but this endpoint has no secret_key, so nothing was checked: give the endpoint the robot's secret_key.",
  secret_fields_truncated: (total) =>
    `${total} fields held secrets and were redacted; secret_fields names the first ${MAX_SECRET_FIELDS}.`,
  redirected_request: (method) =>
    `A ${method || "GET"} without a body: the platform followed a 301/302/303 redirect and lost the delivery on the way. Give the robot the final URL (the receiver URL itself, with https if a proxy redirects there).`,
};

export function describeWarning(text: string): WarningDetail {
  const at = text.indexOf(":");
  const code = at < 0 ? text : text.slice(0, at);
  const subjects = at < 0 ? "" : text.slice(at + 1).replace(/,/g, ", ");
  const words = (WORDS as Record<string, (subjects: string) => string>)[code];
  return { code, message: words ? words(subjects) : text };
}

export function warningCode(text: string): string {
  const at = text.indexOf(":");
  return at < 0 ? text : text.slice(0, at);
}
