import type { WarningDetail } from "../cloudpods/delivery-warnings";
import type { DeliverySummary } from "./delivery-summary";
import type { FacetCounts } from "./facet-counts";

/**
 * The deliveries API's answers that the server and the browser share (snake_case, as on
 * the wire). DeliverySummary lives in delivery-summary.ts, beside the function that makes it
 * from a row; the request schemas in delivery-filter.ts.
 */

/** GET /api/events/:id: one delivery with its headers, body and parsed payload. */
export type DeliveryDetail = DeliverySummary & {
  headers: Array<[string, string]>;
  body: string;
  body_base64: string | null;
  payload: unknown;
  endpoint: { id: string; name: string } | null;
  /** Every warning in words. */
  warning_details: WarningDetail[];
  /** Why the signature is not valid (or was not checked), in words. */
  signature_detail: string | null;
  /** What follows for the operator from the release that sent it. */
  release_notes: string[];
};

/** `approximate`: a search the index alone cannot decide was counted from its candidates,
 *  without reading every matching body (a common word is in a third of the deliveries):
 *  counts may include a few deliveries the list would not show. `through_id`: the newest
 *  delivery the counts include, so that a live view adds only what arrived after it. */
export type FacetsResponse = FacetCounts & {
  total: number;
  approximate: boolean;
  through_id: number;
};
