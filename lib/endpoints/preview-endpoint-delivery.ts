import "server-only";
import { z } from "zod";
import { PLATFORM_RELEASES, type PlatformRelease } from "../cloudpods/platform-releases";
import { findTopic } from "../setup/platform-topics";
import { previewDelivery, type DeliveryPreview } from "../setup/preview-delivery";
import { sampleEvent } from "../setup/sample-event";
import { getEndpoint } from "./find-endpoints";

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

export async function previewEndpointDelivery(
  input: PreviewInput,
): Promise<DeliveryPreview & { topic: string | null; release: PlatformRelease }> {
  let secretKey = input.secret_key ?? null;
  if (input.secret_key === undefined && input.endpoint_id) {
    secretKey = (await getEndpoint({ id: input.endpoint_id })).secretKey;
  }
  const topic = input.topic ? findTopic(input.topic) : undefined;
  const preview = previewDelivery(
    {
      header: input.header,
      body: input.body,
      msgKey: input.msg_key,
      secretKey: secretKey || null,
      useTemplate: input.use_template,
    },
    sampleEvent(topic),
    undefined,
    { release: input.release },
  );
  return { ...preview, topic: topic?.name ?? null, release: input.release };
}
