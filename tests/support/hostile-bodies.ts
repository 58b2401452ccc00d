import { goMarshal } from "../../lib/cloudpods/go-json";
import { renderDelivery } from "../../lib/cloudpods/render-delivery";

/**
 * Bodies built to make a pass over a delivery do the most work per byte (issue 13):
 * many secret keys, JSON strings each holding a secret, nesting just under the cap,
 * 100,000 tiny keys, one huge string; and a typical delivery of the same size to
 * compare them with. Each is an event for its own resource (`resourceId`), close to
 * `bytes` long and never over it. Used by `npm run bench` and the fuzz test.
 */
export type BodyShape =
  | "typical"
  | "many_secret_keys"
  | "secret_json_strings"
  | "deep_nesting"
  | "tiny_keys"
  | "huge_string";

export const BODY_SHAPES: readonly BodyShape[] = [
  "typical",
  "many_secret_keys",
  "secret_json_strings",
  "deep_nesting",
  "tiny_keys",
  "huge_string",
];

export type ShapedBody = { shape: BodyShape; resourceId: string; body: string };

/** How deep the deep shape nests: the chains sit under resource_details (depth 2) and
 *  its message copy, one level short of the receiver's default cap of 64. */
const CHAIN_DEPTH = 61;

function typicalDisk(i: number) {
  return {
    id: `d1c4e5a0-${String(i).padStart(4, "0")}-4a8e-9f1e-3b2f7c9d0a1b`,
    name: `vm-web-${i}-disk-${i % 4}`,
    disk_size: 30720 + (i % 7) * 10240,
    disk_type: i % 4 === 0 ? "sys" : "data",
    storage_type: "local",
    status: "ready",
    created_at: "2026-11-20T08:14:03.000000Z",
    tenant: "system",
    project_domain: "Default",
  };
}

/** The shape's resource_details given `n` repeated parts. */
function details(shape: BodyShape, n: number, id: string, status: string): Record<string, unknown> {
  const base: Record<string, unknown> = { id, name: `vm-${shape}`, status };
  switch (shape) {
    case "typical":
      return {
        ...base,
        hypervisor: "kvm",
        disks: Array.from({ length: n }, (_, i) => typicalDisk(i)),
      };
    case "many_secret_keys":
      for (let i = 0; i < n; i++) base[`k${i}_password`] = `pw-${i}`;
      return base;
    case "secret_json_strings":
      return {
        ...base,
        notes: Array.from({ length: n }, (_, i) =>
          goMarshal({ user: `u${i}`, password: `pw-${i}` }),
        ),
      };
    case "deep_nesting": {
      const chain = (i: number) => {
        let value: unknown = { password: `pw-${i}` };
        for (let level = 1; level < CHAIN_DEPTH; level++) value = { [`l${level}`]: value };
        return value;
      };
      return { ...base, chains: Array.from({ length: n }, (_, i) => chain(i)) };
    }
    case "tiny_keys":
      // One secret among them, so that redaction takes its full walk rather than its
      // first look; no message copy (below), so that 100,000 keys fit under the cap.
      for (let i = 0; i < n; i++) base[`_${i.toString(36)}`] = 0;
      base.password = "pw";
      return base;
    case "huge_string":
      // Starts like JSON (after a space) so the nested-JSON check looks into it.
      return { ...base, password: "pw", note: ` {"x": "${"a".repeat(n)}` };
  }
}

function render(shape: BodyShape, n: number, resourceId: string, status: string): string {
  const resource_details = details(shape, n, resourceId, status);
  const event = { action: "update", resource_type: "server", resource_details };
  if (shape === "tiny_keys") return goMarshal({ ...event, result: "succeed" });
  return renderDelivery({ kind: "event", event }).body;
}

/** The largest count of parts whose body stays within `bytes` (bodies grow with n).
 *  `status` varies the resource's status, so that two versions make a diff. */
export function shapedBody(
  shape: BodyShape,
  bytes: number,
  options: { tag?: string; status?: string } = {},
): ShapedBody {
  const resourceId = `shaped-${options.tag ?? shape}`;
  const status = options.status ?? "ready";
  const size = (n: number) => render(shape, n, resourceId, status).length;
  let low = 1;
  let high = 1;
  while (size(high) <= bytes) high *= 2;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (size(mid) <= bytes) low = mid;
    else high = mid;
  }
  return { shape, resourceId, body: render(shape, low, resourceId, status) };
}
