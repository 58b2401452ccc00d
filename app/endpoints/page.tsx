import Link from "next/link";
import { EndpointsTable } from "@/components/endpoints/endpoints-table";

export const metadata = { title: "Endpoints · Hooklens" };

export default function EndpointsPage() {
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">Endpoints</h1>
        <Link
          href="/setup"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white"
        >
          New endpoint
        </Link>
      </div>
      <EndpointsTable />
    </div>
  );
}
