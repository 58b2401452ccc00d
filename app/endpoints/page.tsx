import Link from "next/link";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";
import { LoopbackWarning } from "@/components/endpoints/loopback-warning";

export const metadata = { title: "Endpoints" };

export default function EndpointsPage() {
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Endpoints</h1>
        <Link
          href="/setup"
          className="text-on-accent rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium"
        >
          New endpoint
        </Link>
      </div>
      <LoopbackWarning />
      <EndpointsTable />
    </div>
  );
}
