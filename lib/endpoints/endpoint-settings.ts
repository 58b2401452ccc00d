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

export const RESOURCE_SCOPES = ["system", "domain", "project"] as const;

const headerSchema = z.record(z.string(), z.unknown()).superRefine((header, ctx) => {
  for (const [name, value] of Object.entries(header)) {
    if (!HTTP_TOKEN.test(name)) {
      ctx.addIssue({ code: "custom", path: [name], message: `"${name}" is not a valid HTTP header name` });
    }
    if (typeof value !== "string") {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "header values must be strings: the platform skips any other value",
      });
    }
  }
});

export const endpointFieldsSchema = z.object({
  name: z.string().trim().min(1, "name is required").max(64),
  secret_key: z
    .string()
    .max(SECRET_KEY_MAX_LENGTH, `secret_key is at most ${SECRET_KEY_MAX_LENGTH} characters on the platform`)
    .nullable()
    .transform((value) => (value === "" ? null : value)),
  header: headerSchema,
  body: z.record(z.string(), z.unknown()),
  msg_key: z
    .string()
    .max(MSG_KEY_MAX_LENGTH, `msg_key is at most ${MSG_KEY_MAX_LENGTH} characters on the platform`),
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
