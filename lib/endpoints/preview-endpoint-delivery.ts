import "server-only";
import { findTopic } from "../setup/platform-topics";
import { previewDelivery } from "../setup/preview-delivery";
import { sampleEvent } from "../setup/sample-event";
import type { EndpointPreview, PreviewInput } from "./endpoint-types";
import { getEndpoint } from "./find-endpoints";

export async function previewEndpointDelivery(input: PreviewInput): Promise<EndpointPreview> {
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
