import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BulkProgress } from "@/components/replay/bulk-progress";

type Props = PageProps<"/replays/bulk/[id]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Bulk replay #${(await params).id}` };
}

export default async function BulkReplayPage({ params }: Props) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <BulkProgress id={id} />;
}
