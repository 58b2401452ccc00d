/**
 * Realistic bodies for seeded deliveries (`seed-deliveries.ts --bodies`), fast enough for a
 * million: a few thousand simulated Cloudpods deliveries (about 3 KB, every field the
 * platform sends) are rendered once, and each seeded row takes one of them with its own
 * resource id and name, timestamps and addresses written in, so that values vary from
 * delivery to delivery as they do on a real platform (what a search index must hold).
 */
import { generateLoadDeliveries } from "../lib/simulator/load-deliveries";

type Template = { type: string; body: string; id: string; name: string; ips: string[] };

const TEMPLATES = 3000;

function templates(): Template[] {
  const found: Template[] = [];
  for (const delivery of generateLoadDeliveries({ seed: 5, count: TEMPLATES, poolSize: 2000 })) {
    const event = JSON.parse(delivery.body) as {
      resource_type?: string;
      resource_details?: { id?: string; name?: string };
    };
    const details = event.resource_details;
    if (!event.resource_type || !details?.id || !details.name) continue;
    const ips = [...new Set(delivery.body.match(/\b10\.\d+\.\d+\.\d+\b/g) ?? [])];
    found.push({
      type: event.resource_type,
      body: delivery.body,
      id: details.id,
      name: details.name,
      ips,
    });
  }
  return found;
}

export function createBodyMaker(random: () => number) {
  const all = templates();
  const byType = new Map<string, Template[]>();
  for (const template of all)
    byType.set(template.type, [...(byType.get(template.type) ?? []), template]);
  const octet = () => Math.floor(random() * 254) + 1;
  return (row: {
    resourceType: string | null;
    resourceId: string | null;
    resourceName: string | null;
    receivedAt: number;
  }) => {
    const pool = (row.resourceType && byType.get(row.resourceType)) || all;
    const template = pool[Math.floor(random() * pool.length)]!;
    const at = new Date(row.receivedAt).toISOString().replace("Z", "000Z");
    let body = template.body
      .replaceAll(template.id, row.resourceId ?? template.id)
      .replaceAll(`"${template.name}"`, `"${row.resourceName ?? template.name}"`)
      .replaceAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/g, at);
    for (const ip of template.ips)
      body = body.replaceAll(ip, `10.${octet()}.${octet()}.${octet()}`);
    return Buffer.from(body);
  };
}
