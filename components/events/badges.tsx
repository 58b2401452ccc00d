import { Badge } from "@/components/ui/badge";

/** The ui Badge, re-exported for the domain badges' callers. */
export { Badge };

export function ResultBadge({ result }: { result: string | null }) {
  if (!result) return null;
  return <Badge color={result === "failed" ? "red" : "green"}>{result}</Badge>;
}

export function SignatureBadge({ signature }: { signature: string }) {
  if (signature === "unsigned") return <Badge color="slate">unsigned</Badge>;
  return <Badge color={signature === "valid" ? "green" : "red"}>{`signature ${signature}`}</Badge>;
}

export function KindBadge({ kind }: { kind: string }) {
  const color =
    kind === "unparsed"
      ? "red"
      : kind === "verification"
        ? "blue"
        : kind === "text"
          ? "amber"
          : "slate";
  return <Badge color={color}>{kind}</Badge>;
}
