import type Database from "better-sqlite3";
import { createRandom } from "../simulator/random";

/**
 * Test deliveries for the timeline keeper's tests: a server's events written straight
 * into a migrated database (the columns the keeper reads, an identity-encoded body).
 */
export type Details = Record<string, unknown>;
export type Sent = { id: number; resourceId: string; details: Details | null };

export function timelineLives(db: Database.Database) {
  const minute = (m: number) => `2024-05-01T10:${String(m).padStart(2, "0")}:00.000000Z`;

  function insert(
    resourceId: string,
    details: Details | null,
    extra: { action?: string; signature?: string; duplicateOf?: number; id?: number } = {},
  ): Sent {
    const body = JSON.stringify({
      action: extra.action ?? "update",
      resource_type: "server",
      ...(details ? { resource_details: details } : {}),
    });
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO deliveries (id, endpoint_id, received_at, kind, resource_type, resource_id,
          action, result, signature, size, body_hash, duplicate_of)
         VALUES (?, 'ep', 0, 'event', 'server', ?, ?, 'succeed', ?, ?, 'h', ?)`,
      )
      .run(
        extra.id ?? null,
        resourceId,
        extra.action ?? "update",
        extra.signature ?? "unsigned",
        body.length,
        extra.duplicateOf ?? null,
      );
    const id = Number(lastInsertRowid);
    db.prepare(
      "INSERT INTO delivery_contents (delivery_id, encoding, headers, body) VALUES (?, 'identity', '[]', ?)",
    ).run(id, body);
    return { id, resourceId, details };
  }

  /** A random life of a few servers: updates, late snapshots, re-sends, deletes, forgeries. */
  function randomLives(seed: number, count: number) {
    const random = createRandom(seed);
    const sent: Sent[] = [];
    for (let i = 0; i < count; i++) {
      const resourceId = `srv-${random.int(1, 3)}`;
      const own = sent.filter((s) => s.resourceId === resourceId);
      const roll = random.next();
      const details = {
        id: resourceId,
        name: `web-${random.int(1, 4)}`,
        vmem_size: 1024 * random.int(1, 4),
        disks_info: [{ id: "d1", size: random.int(1, 3) }],
        updated_at: minute(roll < 0.2 ? random.int(0, i % 60) : Math.min(59, i)),
      };
      if (roll < 0.1 && own.length > 0) {
        const original = own[random.int(0, own.length - 1)]!;
        sent.push(insert(resourceId, original.details, { duplicateOf: original.id }));
      } else if (roll < 0.15) {
        sent.push(
          insert(
            resourceId,
            { id: resourceId, status: "deleted", updated_at: details.updated_at },
            { action: "delete" },
          ),
        );
      } else if (roll < 0.2) {
        sent.push(insert(resourceId, details, { signature: "invalid" }));
      } else if (roll < 0.25) {
        sent.push(insert(resourceId, null));
      } else {
        sent.push(insert(resourceId, details));
      }
    }
    return sent;
  }

  return { minute, insert, randomLives };
}
