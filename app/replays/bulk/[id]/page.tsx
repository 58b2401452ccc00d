import { notFound } from "next/navigation";
import { BulkProgress } from "@/components/replay/bulk-progress";

export default async function BulkReplayPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <BulkProgress id={id} />;
}
