const tone = {
  red: "bg-red-100 text-red-800",
  green: "bg-emerald-100 text-emerald-800",
  amber: "bg-amber-100 text-amber-800",
  slate: "bg-slate-100 text-slate-700",
  blue: "bg-blue-100 text-blue-800",
} as const;

export function Badge({
  children,
  color = "slate",
  title,
}: {
  children: string;
  color?: keyof typeof tone;
  title?: string;
}) {
  return (
    <span
      title={title}
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${tone[color]}`}
    >
      {children}
    </span>
  );
}

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
