import { z } from "zod";

/**
 * What a resource page shows besides the timeline, kept in the URL so a comparison or a
 * state view can be shared: `compare=A,B` (delivery ids, up to two selected) and `at=ID`
 * (the step whose full state is open). Bad values fall back to nothing selected.
 */
const deliveryId = z.number().int().positive();

const schema = z.object({
  compare: z
    .string()
    .transform((value) => value.split(",").filter(Boolean).map(Number))
    .pipe(z.array(deliveryId).max(2))
    .catch([]),
  at: z.coerce.number().pipe(deliveryId).nullable().catch(null),
});

export type TimelineView = { compare: number[]; at: number | null };

export function parseTimelineView(params: URLSearchParams): TimelineView {
  const parsed = schema.parse({ compare: params.get("compare") ?? "", at: params.get("at") });
  return { compare: [...new Set(parsed.compare)], at: parsed.at };
}

export function timelineViewString(view: TimelineView): string {
  const params = new URLSearchParams();
  if (view.compare.length) params.set("compare", view.compare.join(","));
  if (view.at !== null) params.set("at", String(view.at));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Ticks or unticks a step; a third tick replaces the earliest of the two selected. */
export function toggleCompare(selected: number[], id: number): number[] {
  if (selected.includes(id)) return selected.filter((other) => other !== id);
  return [...selected, id].slice(-2);
}
