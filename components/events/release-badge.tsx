import { Badge } from "@/components/ui/badge";

/** The platform release range a delivery's (or an endpoint's) shape points to. */
export function ReleaseBadge({ release, testId }: { release: string | null; testId?: string }) {
  if (!release) return null;
  return (
    <span data-testid={testId ?? "release-badge"}>
      <Badge color="indigo" title="The platform release range this shape comes from">
        {`release ${release}`}
      </Badge>
    </span>
  );
}
