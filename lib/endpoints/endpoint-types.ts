import { z } from "zod";
import { PLATFORM_RELEASES, type PlatformRelease } from "../cloudpods/platform-releases";
import type { RenderedDelivery } from "../cloudpods/render-delivery";
import type { DeliveryPreview } from "../setup/preview-delivery";
import type { EndpointRelease } from "./endpoint-problems";
import type { createEndpointSchema, updateEndpointSchema } from "./endpoint-settings";

/**
 * The endpoints API's contract (snake_case, as on the wire): its answers and the request
 * schemas the setup wizard shares with the routes. Pure, so that the browser imports it
 * too. The endpoint fields' own schemas live in endpoint-settings.ts; EndpointView in
 * endpoint-view.ts, beside the function that makes it.
 */

/** What POST /api/endpoints takes (PATCH takes any part of it). */
export type EndpointInput = z.input<typeof createEndpointSchema>;
export type EndpointUpdateInput = z.input<typeof updateEndpointSchema>;

/** What the endpoints page shows about one endpoint's traffic. */
export type EndpointStats = {
  endpoint_id: string;
  deliveries_24h: number;
  signature_failures_24h: number;
  /** Answered 400 (not JSON) or 401 (bad signature) in the last 24 h. */
  rejected_24h: number;
  last_validation_at: string | null;
  last_event_at: string | null;
} & EndpointRelease;

/** A delivery the receiver refused, with the answer the platform got and why. */
export type RejectedDelivery = {
  id: number;
  received_at: string;
  status: 400 | 401;
  kind: string;
  event_type: string | null;
  reason: string;
};

/** GET /api/endpoints/:id/stats: the stats and what only that view needs. */
export type EndpointDetailStats = EndpointStats & {
  /** All its deliveries: what deleting the endpoint deletes. */
  deliveries_total: number;
  /** The newest delivery id of all: the wizard listens for what comes after it. */
  newest_delivery_id: number;
  recent_rejected: RejectedDelivery[];
};

export type TestDeliveryResult = {
  /** The receiver's HTTP status; null when the request itself failed. */
  status: number | null;
  ok: boolean;
  /** The stored delivery's id when the receiver kept it. */
  delivery_id: number | null;
  event_type: string | null;
  signed: boolean;
  answer: unknown;
  error: string | null;
  duration_ms: number;
};

/**
 * The preview takes settings as typed but not refined: it shows what the platform would
 * do with them, mistakes included (a body key that overwrites the message, a header the
 * platform skips), while the form shows the field errors from the shared schema.
 */
export const previewInputSchema = z.object({
  endpoint_id: z.string().min(1).optional(),
  header: z.record(z.string(), z.unknown()).default({}),
  body: z.record(z.string(), z.unknown()).default({}),
  msg_key: z.string().default(""),
  /** Omitted: the endpoint's stored secret, when endpoint_id names one. */
  secret_key: z.string().nullable().optional(),
  use_template: z.boolean().default(false),
  topic: z.string().optional(),
  /** The platform release whose requests to show (current by default). */
  release: z.enum(PLATFORM_RELEASES).default("current"),
});

export type PreviewInput = z.output<typeof previewInputSchema>;
export type PreviewRequestInput = z.input<typeof previewInputSchema>;

/** One rendered request of the preview. */
export type RenderedPreview = RenderedDelivery;

/** POST /api/endpoints/preview: event, template variant and validation message. */
export type EndpointPreview = DeliveryPreview & {
  topic: string | null;
  release: PlatformRelease;
};

export type PublicUrlSource = "env" | "setting" | "request";

/** GET and PUT /api/endpoints/public-url. */
export type PublicUrlView = { public_url: string; source: PublicUrlSource; setting: string | null };

export const publicUrlInputSchema = z.object({
  public_url: z
    .string()
    .trim()
    .url("must be an absolute URL such as https://hooks.example.com")
    .refine((value) => /^https?:\/\//i.test(value), "must start with http:// or https://")
    .refine((value) => !/[?#]/.test(value), "must not have a query or fragment")
    .transform((value) => value.replace(/\/+$/, ""))
    .nullable(),
});

export type PublicUrlInput = z.input<typeof publicUrlInputSchema>;
