import { notFound } from "next/navigation";
import { RuleDetail } from "@/components/forwarding/rule-detail";

export default async function ForwardRulePage({ params }: PageProps<"/forwards/[id]">) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <RuleDetail id={id} />;
}
