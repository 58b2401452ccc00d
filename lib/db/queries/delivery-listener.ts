import pg from "pg";
import { endpointsChangedElsewhere } from "../../endpoints/endpoint-changes";
import { summaryFromRow } from "../../events/delivery-summary";
import { hasDeliveryListeners, publishDeliveries } from "../../live/delivery-bus";
import { connection } from "../connection";
import { deliveriesAfter } from "./deliveries";
import { ENDPOINTS_CHANNEL } from "./endpoint-announcements";
import { DELIVERIES_CHANNEL } from "./delivery-writer-postgres";
import { newestId } from "./endpoint-traffic";

const PAGE = 500;
const RECONNECT_MS = 500;

/**
 * Committed deliveries, whichever instance received them, onto this process's delivery
 * bus (lib/live/delivery-bus.ts: the feed's stream, endpoints' last seen). On SQLite the
 * writer publishes each batch as it commits (one process); on PostgreSQL every instance's
 * writer announces its batch on DELIVERIES_CHANNEL at commit (ids only: NOTIFY's payload
 * is capped at 8,000 bytes), and each instance holds one dedicated listening connection
 * that reads what was announced, by id, and publishes it, its own batches included, so
 * that the bus carries deliveries in id order. Ids commit in order (the writer's ingest
 * lock), so reading `id > last read` misses nothing: after a lost connection it
 * reconnects and catches up the same way. With nobody listening on the bus it only keeps
 * its place. The same connection hears of endpoint changes on ENDPOINTS_CHANNEL.
 */
export function startDeliveryFeed(): { stop: () => void } {
  const db = connection();
  if (db.engine === "sqlite") return { stop: () => undefined };
  const feed = new DeliveryListener(db.url);
  void feed.connect();
  return { stop: () => feed.stop() };
}

class DeliveryListener {
  private client: pg.Client | null = null;
  private lastRead: number | null = null;
  private reading = false;
  private readAgain = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly url: string) {}

  async connect() {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    this.client = client;
    let lost = false;
    const lose = () => {
      if (lost) return;
      lost = true;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      if (this.client === client) this.client = null;
      if (!this.stopped) this.timer = setTimeout(() => void this.connect(), RECONNECT_MS);
    };
    client.on("error", lose);
    client.on("end", lose);
    client.on("notification", (message) => {
      if (message.channel === ENDPOINTS_CHANNEL) endpointsChangedElsewhere();
      else if (message.channel === DELIVERIES_CHANNEL) this.heard(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DELIVERIES_CHANNEL}`);
      await client.query(`LISTEN ${ENDPOINTS_CHANNEL}`);
    } catch {
      return lose();
    }
    // What changed while nobody listened: endpoints are read again, deliveries caught up.
    endpointsChangedElsewhere();
    if (this.lastRead === null) this.lastRead = (await newestId.get().catch(() => null))?.id ?? 0;
    this.read();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    void this.client?.end().catch(() => undefined);
  }

  /** A batch "first-last" committed: read it (and anything before it not read yet). */
  private heard(payload: string | undefined) {
    const last = Number(payload?.split("-")[1]);
    if (!hasDeliveryListeners() && Number.isSafeInteger(last) && this.lastRead !== null) {
      this.lastRead = Math.max(this.lastRead, last);
      return;
    }
    this.read();
  }

  /** One read at a time, in id order; a notification during a read reads again after it. */
  private read() {
    if (this.lastRead === null) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    void (async () => {
      do {
        this.readAgain = false;
        for (;;) {
          const rows = await deliveriesAfter({}, this.lastRead!, PAGE);
          if (rows.length === 0) break;
          this.lastRead = rows[rows.length - 1]!.id;
          publishDeliveries(rows.map(summaryFromRow));
          if (rows.length < PAGE) break;
        }
      } while (this.readAgain && !this.stopped);
    })()
      .catch((error: unknown) => {
        console.error("Reading announced deliveries failed (read again at the next):", error);
      })
      .finally(() => {
        this.reading = false;
      });
  }
}
