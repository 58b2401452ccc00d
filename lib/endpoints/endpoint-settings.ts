import { z } from "zod";
import {
  DEFAULT_MESSAGE_KEY,
  MSG_KEY_MAX_LENGTH,
  SECRET_KEY_MAX_LENGTH,
} from "../cloudpods/vocabulary";

/**
 * The robot settings an endpoint expects, validated the way the platform would refuse
 * or silently mishandle them. Pure: shared by the API and the setup wizard's form.
 */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Go's net/http refuses header values with control characters other than tab. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

export const RESOURCE_SCOPES = ["system", "domain", "project"] as const;

const headerSchema = z.record(z.string(), z.unknown()).superRefine((header, ctx) => {
  for (const [name, value] of Object.entries(header)) {
    if (!HTTP_TOKEN.test(name)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: `"${name}" is not a valid HTTP header name`,
      });
    }
    if (typeof value !== "string") {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "header values must be strings: the platform skips any other value",
      });
    } else if (hasControlCharacter(value)) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message:
          "header values cannot hold line breaks or control characters: the platform's HTTP client refuses to send them",
      });
    }
  }
});

/** Names and keys go on a climc command line, where control characters cannot. */
const NO_CONTROL = [
  (value: string) => !hasControlCharacter(value),
  "cannot hold line breaks or control characters",
] as const;

export const endpointFieldsSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "name is required")
    .max(64)
    .refine(...NO_CONTROL),
  secret_key: z
    .string()
    .max(
      SECRET_KEY_MAX_LENGTH,
      `secret_key is at most ${SECRET_KEY_MAX_LENGTH} characters on the platform`,
    )
    .refine(...NO_CONTROL)
    .nullable()
    .transform((value) => (value === "" ? null : value)),
  header: headerSchema,
  body: z.record(z.string(), z.unknown()),
  msg_key: z
    .string()
    .max(MSG_KEY_MAX_LENGTH, `msg_key is at most ${MSG_KEY_MAX_LENGTH} characters on the platform`)
    .refine(...NO_CONTROL),
  use_template: z.boolean(),
  enabled: z.boolean(),
  topics: z.array(z.string().min(1)).max(100),
  resource_scope: z.enum(RESOURCE_SCOPES),
  subscription_enabled: z.boolean(),
});

export type EndpointFields = z.output<typeof endpointFieldsSchema>;

export const ENDPOINT_DEFAULTS: Omit<EndpointFields, "name"> = {
  secret_key: null,
  header: {},
  body: {},
  msg_key: "",
  use_template: false,
  enabled: true,
  topics: [],
  resource_scope: "system",
  subscription_enabled: true,
};

export const createEndpointSchema = endpointFieldsSchema.partial().extend({
  name: endpointFieldsSchema.shape.name,
});
export const updateEndpointSchema = endpointFieldsSchema.partial();

/** Checks that need several fields at once; returns field errors (empty when fine). */
export function crossFieldErrors(fields: Pick<EndpointFields, "body" | "msg_key">) {
  const messageKey = fields.msg_key || DEFAULT_MESSAGE_KEY;
  if (messageKey in fields.body) {
    return [
      {
        field: `body.${messageKey}`,
        message: `body key "${messageKey}" equals the message key: the platform would silently replace the message with it`,
      },
    ];
  }
  return [];
}
