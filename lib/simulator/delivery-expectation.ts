import type { HeaderPairs } from "../cloudpods/headers";
import type { DeliveryKind, ParsedDelivery } from "../cloudpods/parse-delivery";

/**
 * What the receiver should make of a simulated delivery, like the samples' `expect`: the
 * parser's own fields, plus what only the simulator knows (the resource behind template
 * text, retries, how the state moved). The test oracle, and the run summary's source.
 */
export type DeliveryExpectation = Pick<
  ParsedDelivery,
  "eventType" | "resourceType" | "action" | "result" | "resourceId" | "resourceName"
> & {
  /** Position in the stream, from 0. */
  sequence: number;
  kind: Exclude<DeliveryKind, "unparsed">;
  /** The resource the message is about, also for template text (whose body does not say). */
  subjectId: string | null;
  /** The sequence of the first send when this is the retry cron sending it again. */
  duplicateOf: number | null;
  signed: boolean;
  secretFields: string[];
  /** State fields changed since the previous JSON event about the same resource. */
  changedFields: string[];
  /** Fields only this message carries (old_status/new_status, password, ...). */
  transientFields: string[];
};

export type SimulatedDelivery = { headers: HeaderPairs; body: string; expect: DeliveryExpectation };

export function blankExpectation(sequence: number, signed: boolean): DeliveryExpectation {
  return {
    sequence,
    kind: "text",
    eventType: null,
    resourceType: null,
    action: null,
    result: null,
    resourceId: null,
    resourceName: null,
    subjectId: null,
    duplicateOf: null,
    signed,
    secretFields: [],
    changedFields: [],
    transientFields: [],
  };
}
