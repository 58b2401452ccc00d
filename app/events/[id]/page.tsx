import { notFound } from "next/navigation";
import { EventDetailView } from "@/components/events/event-detail";

export default async function EventPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  return <EventDetailView id={id} />;
}
