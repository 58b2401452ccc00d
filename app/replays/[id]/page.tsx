import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttemptDetail } from "@/components/replay/attempt-detail";

type Props = PageProps<"/replays/[id]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Replay attempt #${(await params).id}` };
}

export default async function ReplayPage({ params }: Props) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <AttemptDetail id={id} />;
}
