import type { EventSummary } from "./event-summary";

/** What the receiver answered a kept delivery (README, "The receiver"), read back from it. */
export type ReceiverAnswer = { status: 200 | 400 | 401; code: string | null; meaning: string };

// parse-delivery keeps JSON that is not an object as unparsed but answers it 200.
const JSON_NOT_OBJECT = "body is JSON but not an object";

export function receiverAnswer(
  delivery: Pick<EventSummary, "kind" | "signature" | "parse_error">,
): ReceiverAnswer {
  if (delivery.kind === "unparsed" && delivery.parse_error !== JSON_NOT_OBJECT) {
    return {
      status: 400,
      code: "invalid_json",
      meaning: "kept, but the body is not JSON the receiver could read",
    };
  }
  if (delivery.signature === "invalid") {
    return {
      status: 401,
      code: "invalid_signature",
      meaning: "kept and flagged: X-Auth-Token does not match the body",
    };
  }
  return { status: 200, code: null, meaning: "accepted" };
}
