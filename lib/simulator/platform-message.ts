import type { EventMessage } from "../cloudpods/render-delivery";

export type ValidationVariant = "current" | "2022" | "validate";

/** One message the simulated platform's notify service has to send to the robot. */
export type PlatformMessage =
  | {
      kind: "event";
      event: EventMessage;
      /** The X-Yunion-Event value when it is not TYPE/ACTION[/FAILED]. */
      eventType?: string;
      /** State fields the event changed (empty for a create). */
      changedFields: string[];
      /** Fields only this message carries: old_status/new_status, login_account, password. */
      transientFields: string[];
      /** Plaintext secrets in resource_details. */
      secretFields: string[];
    }
  | { kind: "validation"; variant: ValidationVariant }
  /** A monitor alert: a text message without an event, titled (3.8-3.9 send the title). */
  | { kind: "alert"; text: string; title: string };
