"use client";
import type { BarShapeProps } from "recharts";

export type SegmentTarget = { label: string; href: string | null };

/**
 * A Recharts bar shape that is a link: an SVG <a> around the segment's rectangle, so it
 * is focusable, has an accessible name ("create, Nov 28, 13:00–14:00: 3 deliveries") and
 * opens with the keyboard. Clicks go through `open` (client-side navigation). A segment
 * no feed filter can name is a labelled image instead.
 */
export function segmentShape(
  target: (index: number) => SegmentTarget,
  open: (href: string) => void,
) {
  return function Segment(props: BarShapeProps) {
    const { x, y, width, height, fill, index } = props;
    if (!(height > 0) || !(width > 0)) return <g />;
    const { label, href } = target(index);
    const rect = <rect x={x} y={y} width={width} height={height} fill={fill} />;
    if (!href) {
      return (
        <g role="img" aria-label={label}>
          <title>{label}</title>
          {rect}
        </g>
      );
    }
    return (
      <a
        href={href}
        aria-label={label}
        className="cursor-pointer focus:outline-none [&:focus>rect]:stroke-slate-900 [&:focus>rect]:stroke-2"
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          event.stopPropagation();
          open(href);
        }}
      >
        <title>{label}</title>
        {rect}
      </a>
    );
  };
}
