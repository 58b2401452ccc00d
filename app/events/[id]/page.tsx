import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeliveryDetailView } from "@/components/events/event-detail";

type Props = PageProps<"/events/[id]">;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Delivery #${(await params).id}` };
}

export default async function DeliveryDetailPage({ params }: Props) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <DeliveryDetailView id={id} />;
}
