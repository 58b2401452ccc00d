import type { SummaryRow } from "../../events/delivery-summary";
import { perEngine } from "../sql-query";
import { SUMMARY_SELECT } from "./deliveries";
import { MS } from "./dialect";
import { JOB_COLUMNS, named, type AttemptRow, type CountRow, type JobRow } from "./forwarding";
import { retryDeadPostgres } from "./forwarding-jobs-postgres";
import { queuePostgres } from "./forwarding-queue-postgres";
import { forwardQueries } from "./forwarding-sqlite";

/** What the forwarding API reads beyond a rule's row, in both dialects: the jobs' counts,
 *  a rule's attempts and dead letters, a delivery's jobs, a dead letter's retry, and what
 *  saving and dry-running a rule look up. */
const selectCounts = named<CountRow>({
  sqlite: `SELECT rule_id,
      sum(CASE WHEN state IN ('waiting', 'pending', 'sending') AND last_error IS NULL THEN 1 ELSE 0 END) AS pending,
      sum(CASE WHEN state IN ('waiting', 'pending', 'sending') AND last_error IS NOT NULL THEN 1 ELSE 0 END) AS failed,
      sum(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END) AS delivered,
      sum(CASE WHEN state = 'dead' THEN 1 ELSE 0 END) AS dead
      FROM forward_jobs GROUP BY rule_id ORDER BY rule_id`,
  postgresql: `SELECT rule_id,
      count(*) FILTER (WHERE state IN ('waiting', 'pending', 'sending') AND last_error IS NULL) AS pending,
      count(*) FILTER (WHERE state IN ('waiting', 'pending', 'sending') AND last_error IS NOT NULL) AS failed,
      count(*) FILTER (WHERE state = 'delivered') AS delivered,
      count(*) FILTER (WHERE state = 'dead') AS dead
      FROM forward_jobs GROUP BY rule_id ORDER BY rule_id`,
});

/** Deliveries SQLite's inbox holds, by the rules they matched: pending jobs to be. On
 *  PostgreSQL there is no inbox: deliveries are queued from the table (forwarding-postgres.ts). */
const selectInboxCounts = named<{ ruleIds: string; n: number }>({
  sqlite: `SELECT rule_ids AS ruleIds, count(*) AS n FROM forward_inbox GROUP BY rule_ids`,
  postgresql: `SELECT '' AS "ruleIds", 0 AS n WHERE false`,
});

/** Every rule's job counts, with what waits in SQLite's inbox as pending. */
export async function jobCounts(): Promise<CountRow[]> {
  const [counts, inbox] = await Promise.all([selectCounts({}), selectInboxCounts({})]);
  for (const { ruleIds, n } of inbox) {
    for (const id of ruleIds.split(",")) {
      const ruleId = Number(id);
      let count = counts.find((row) => row.rule_id === ruleId);
      if (!count) {
        count = { rule_id: ruleId, pending: 0, failed: 0, delivered: 0, dead: 0 };
        counts.push(count);
      }
      count.pending += n;
    }
  }
  return counts;
}

const selectLatencies = named<{ duration_ms: number }>({
  sqlite: `SELECT duration_ms FROM forward_attempts WHERE rule_id = @ruleId
      AND outcome = 'delivered' ORDER BY id DESC LIMIT 100`,
  postgresql: `SELECT duration_ms FROM forward_attempts WHERE rule_id = @ruleId
      AND outcome = 'delivered' ORDER BY id DESC LIMIT 100`,
});

/** The durations of a rule's last 100 accepted sends, newest first. */
export const ruleLatencies = async (ruleId: number) =>
  (await selectLatencies({ ruleId })).map((row) => row.duration_ms);

const selectAttempts = named<AttemptRow>({
  sqlite: `SELECT * FROM forward_attempts WHERE rule_id = @ruleId
      AND (@cursor IS NULL OR id < @cursor) ORDER BY id DESC LIMIT @limit`,
  postgresql: `SELECT id, job_id, rule_id, delivery_id, status, error, duration_ms, outcome,
      response, ${MS("created_at")} AS created_at FROM forward_attempts WHERE rule_id = @ruleId
      AND (@cursor::int IS NULL OR id < @cursor) ORDER BY id DESC LIMIT @limit`,
});

/** A rule's attempts below `cursor`, newest first. */
export const ruleAttempts = (ruleId: number, cursor: number | null, limit: number) =>
  selectAttempts({ ruleId, cursor, limit });

export type NamedJobRow = JobRow & { rule_name: string };

const selectJobsInState = named<NamedJobRow>({
  sqlite: `SELECT ${JOB_COLUMNS.sqlite}, r.name AS rule_name FROM forward_jobs j
      JOIN forward_rules r ON r.id = j.rule_id WHERE j.rule_id = @ruleId AND j.state = @state
      AND (@cursor IS NULL OR j.id < @cursor) ORDER BY j.id DESC LIMIT @limit`,
  postgresql: `SELECT ${JOB_COLUMNS.postgresql}, r.name AS rule_name FROM forward_jobs j
      JOIN forward_rules r ON r.id = j.rule_id WHERE j.rule_id = @ruleId AND j.state = @state
      AND (@cursor::int IS NULL OR j.id < @cursor) ORDER BY j.id DESC LIMIT @limit`,
});

/** A rule's jobs in one state below `cursor`, newest first. */
export const ruleJobsInState = (
  ruleId: number,
  state: string,
  cursor: number | null,
  limit: number,
) => selectJobsInState({ ruleId, state, cursor, limit });

const selectDeliveryJobs = named<NamedJobRow>({
  sqlite: `SELECT ${JOB_COLUMNS.sqlite}, r.name AS rule_name FROM forward_jobs j
      JOIN forward_rules r ON r.id = j.rule_id WHERE j.delivery_id = @deliveryId ORDER BY j.id`,
  postgresql: `SELECT ${JOB_COLUMNS.postgresql}, r.name AS rule_name FROM forward_jobs j
      JOIN forward_rules r ON r.id = j.rule_id WHERE j.delivery_id = @deliveryId ORDER BY j.id`,
});

/**
 * A delivery's jobs, each with its rule's name. A delivery not queued yet has none: what
 * waits is queued first, SQLite's inbox (waiting for the write lock: an API request, not
 * the receiver's path), or on PostgreSQL the deliveries up to this one, once their ids
 * have settled (forwarding-postgres.ts).
 */
export async function deliveryJobs(deliveryId: number): Promise<NamedJobRow[]> {
  await perEngine({
    sqlite: (db) => forwardQueries(db).admitAll(),
    postgresql: async () => {
      await queuePostgres({ through: deliveryId });
    },
  });
  return selectDeliveryJobs({ deliveryId });
}

/** Dead letters (one, or all of the rule's) go back in the queue, behind what is still
 *  open for their resource; answers how many. */
export function retryDeadJobs(ruleId: number, jobId: number | null, now: number) {
  return perEngine({
    sqlite: (db) => forwardQueries(db).retryDead.immediate(ruleId, jobId, now),
    postgresql: (client) => retryDeadPostgres(client, ruleId, jobId, now),
  });
}

const selectEndpointExists = named<{ id: string }>({
  sqlite: "SELECT id FROM endpoints WHERE id = @id",
  postgresql: "SELECT id FROM endpoints WHERE id = @id",
});

export const endpointExists = async (id: string) => (await selectEndpointExists({ id })).length > 0;

export type EndpointRobotRow = {
  header: string;
  body: string;
  msgKey: string;
  secretKey: string | null;
  useTemplate: number;
};

const selectEndpointRobot = named<EndpointRobotRow>({
  sqlite: `SELECT header, body, msg_key AS msgKey, secret_key AS secretKey,
      use_template AS useTemplate FROM endpoints WHERE id = @id`,
  postgresql: `SELECT header, body, msg_key AS "msgKey", secret_key AS "secretKey",
      use_template::int AS "useTemplate" FROM endpoints WHERE id = @id`,
});

/** The robot settings endpoint mode renders with. */
export const endpointRobotRow = async (id: string) => (await selectEndpointRobot({ id }))[0];

const selectRecent = named<SummaryRow>({
  sqlite: `SELECT ${SUMMARY_SELECT.sqlite} FROM deliveries ORDER BY id DESC LIMIT @limit`,
  postgresql: `SELECT ${SUMMARY_SELECT.postgresql} FROM deliveries ORDER BY id DESC LIMIT @limit`,
});

/** The newest deliveries' summaries, newest first (a rule's dry run). */
export const recentDeliveries = (limit: number) => selectRecent({ limit });
