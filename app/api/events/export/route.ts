import { z } from "zod";
import { deliveryFilterSchema } from "@/lib/events/delivery-filter";
import { exportDeliveries } from "@/lib/events/export-deliveries";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFileName } from "@/lib/events/export-format";
import { handleRoute, parseQuery, searchParamsObject } from "@/lib/http/handle-route";

export const dynamic = "force-dynamic";

const exportSchema = deliveryFilterSchema.extend({
  format: z.enum(EXPORT_FORMATS).default("ndjson"),
});

/** Every delivery matching the feed filter, oldest first, streamed as NDJSON or CSV. */
export const GET = handleRoute((request) => {
  const { format, ...filter } = parseQuery(exportSchema, searchParamsObject(request));
  return new Response(exportDeliveries({ filter, format, signal: request.signal }), {
    headers: {
      "content-type": EXPORT_CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${exportFileName(format)}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
