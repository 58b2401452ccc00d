/**
 * Which platform release range sent a delivery, told from its shape alone (the table
 * "What each release sends" in cloudpods-webhook.md), and what follows for the operator.
 */
export const RELEASES = {
  upTo37: "up to 3.7",
  r38to39: "3.8-3.9",
  r38to3103: "3.8-3.10.3",
  r3100to3103: "3.10.0-3.10.3",
  r3104plus: "3.10.4+",
  neverSigns: "3.10.4-3.11.12 or 3.12",
  signs: "3.11.13+ or 4.0+",
} as const;

export type Release = (typeof RELEASES)[keyof typeof RELEASES];

/** How X-Yunion-Event looked: absent, empty, TYPE/ACTION[/RESULT], VALIDATE, or a title. */
export type EventHeaderForm = "absent" | "empty" | "slashed" | "validate" | "title";

export type DeliveryShape = {
  kind: string;
  headerForm: EventHeaderForm;
  /** An event body: whether it carries the message copy under msg_key, and a result. */
  hasCopy: boolean;
  hasResult: boolean;
  signed: boolean;
  /** The endpoint has a secret_key (so an unsigned event says the release never signs). */
  endpointHasSecret: boolean;
  text: string | null;
};

export function eventHeaderForm(value: string | null): EventHeaderForm {
  if (value === null) return "absent";
  const trimmed = value.trim();
  if (trimmed === "") return "empty";
  if (trimmed.toUpperCase() === "VALIDATE") return "validate";
  return trimmed.includes("/") ? "slashed" : "title";
}

/** 3.10.0-3.10.3 end every text with "\n来自 <API server URL>" ("from ..."). */
const FROM_API_SERVER = /\n来自 \S+\s*$/;

export function detectRelease(shape: DeliveryShape): Release | null {
  if (shape.kind === "unparsed" || shape.kind === "redirected") return null;
  if (shape.headerForm === "validate") return RELEASES.r38to39;
  if (shape.headerForm === "empty") return RELEASES.r3100to3103;
  if (shape.text !== null && FROM_API_SERVER.test(shape.text)) return RELEASES.r3100to3103;
  if (shape.kind === "event") {
    if (shape.headerForm === "title") return RELEASES.r38to39;
    if (!shape.hasCopy) {
      if (!shape.hasResult) return RELEASES.upTo37;
      return shape.headerForm === "slashed" ? RELEASES.r3100to3103 : RELEASES.r38to3103;
    }
    if (shape.signed) return RELEASES.signs;
    return shape.endpointHasSecret ? RELEASES.neverSigns : RELEASES.r3104plus;
  }
  // Texts of 3.8-3.9 carry their title, uppercased, as X-Yunion-Event.
  if (shape.kind === "text" && shape.headerForm === "title") return RELEASES.r38to39;
  if (shape.signed) return RELEASES.signs;
  // An unsigned text or verification without X-Yunion-Event is sent alike up to 3.7 and
  // from 3.10.4 on: it tells nothing, and must not outvote the endpoint's events.
  return null;
}

const NEVER_SIGNS =
  "This release never signs: a secret_key on the endpoint checks nothing and refuses every event, so leave it empty.";

/** What follows for the operator from each release. */
export const RELEASE_NOTES: Record<Release, string[]> = {
  [RELEASES.upTo37]: [
    NEVER_SIGNS,
    "Events carry no result (read as succeed) and no copy of the message under msg_key; no trace headers.",
  ],
  [RELEASES.r38to39]: [
    NEVER_SIGNS,
    "X-Yunion-Event is the title in capitals (SERVER_START_FAILED); validations send VALIDATE; brand is always the company name.",
  ],
  [RELEASES.r38to3103]: [NEVER_SIGNS, "Events carry no copy of the message under msg_key."],
  [RELEASES.r3100to3103]: [
    NEVER_SIGNS,
    "Monitor alerts and contact tests arrive with an empty X-Yunion-Event, like a validation; texts end with 来自 <API server URL>.",
    "Network errors are retried in-process up to 3 times, 5 s apart: expect re-sends.",
  ],
  [RELEASES.r3104plus]: [
    "Only 3.11.13+ and 4.0+ sign: give the robot and the endpoint the same secret_key to tell them apart.",
  ],
  [RELEASES.neverSigns]: [
    "Events come unsigned to an endpoint with a secret_key: 3.10 and 3.12 never sign (nor 3.11 before 3.11.13). Remove the endpoint's secret_key, or upgrade the platform.",
  ],
  [RELEASES.signs]: [
    "Signs every delivery with X-Auth-Token: keep the secret_key the same on the robot and the endpoint.",
  ],
};

const VAGUE = new Set<string>([RELEASES.r3104plus, RELEASES.r38to3103]);

/**
 * An endpoint's release from its recent deliveries' (newest first): the newest one,
 * narrowed by a more specific range seen as well ("3.10.4+" and "3.11.13+ or 4.0+" are
 * one platform that signs).
 */
export function endpointRelease(recent: Array<string | null>): Release | null {
  const seen = recent.filter((release): release is Release => release !== null);
  const newest = seen[0];
  if (newest === undefined || !VAGUE.has(newest)) return newest ?? null;
  if (newest === RELEASES.r3104plus) {
    return seen.find((r) => r === RELEASES.signs || r === RELEASES.neverSigns) ?? newest;
  }
  return seen.find((r) => r === RELEASES.r38to39 || r === RELEASES.r3100to3103) ?? newest;
}
