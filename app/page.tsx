import { LatestDeliveries } from "@/components/home/latest-deliveries";
import { ReceiverCard } from "@/components/home/receiver-card";

export default function HomePage() {
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Overview</h1>
      <ReceiverCard />
      <LatestDeliveries />
    </div>
  );
}
