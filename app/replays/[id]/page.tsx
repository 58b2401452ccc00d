import { notFound } from "next/navigation";
import { AttemptDetail } from "@/components/replay/attempt-detail";

export default async function ReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <AttemptDetail id={id} />;
}
