"use client";
import Link from "next/link";
import { Badge, ResultBadge } from "@/components/events/badges";
import { Time } from "@/components/ui/time";
import { resourcePath } from "@/lib/resources/resource-queries";
import type { ResourceItem } from "@/lib/resources/resource-types";
import { TableHead } from "@/components/ui/table-head";

/** Resources by last seen; each row opens the resource's timeline. */
export function ResourceTable({ resources }: { resources: ResourceItem[] }) {
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <TableHead
          columns={["Type", "Resource", "Status", "Last action", "Last seen", "Deliveries"]}
          right={["Deliveries"]}
        />
        <tbody>
          {resources.map((resource) => (
            <tr
              key={`${resource.resource_type}/${resource.resource_id}`}
              className="border-b border-slate-100 hover:bg-slate-50"
              data-testid="resource-row"
            >
              <td className="py-2 pr-3 text-slate-500">{resource.resource_type}</td>
              <td className="py-2 pr-3">
                <Link
                  href={resourcePath(resource.resource_type, resource.resource_id)}
                  className="font-medium text-indigo-700 hover:underline"
                >
                  {resource.resource_name ?? resource.resource_id}
                </Link>
                {resource.resource_name !== resource.resource_id && (
                  <span className="ml-2 font-mono text-xs text-slate-400">
                    {resource.resource_id}
                  </span>
                )}
              </td>
              <td className="py-2 pr-3">
                {resource.deleted ? <Badge color="red">deleted</Badge> : (resource.status ?? "—")}
              </td>
              <td className="py-2 pr-3">
                <span className="mr-1">{resource.last_action ?? "—"}</span>
                {resource.last_result === "failed" && <ResultBadge result="failed" />}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap text-slate-600">
                <Time iso={resource.last_seen_at} />
              </td>
              <td className="py-2 text-right tabular-nums">{resource.delivery_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
