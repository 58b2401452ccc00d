import {
  MAX_SHARE,
  watchReceiverPressure,
  type ReceiverPressure,
} from "../ingest/receiver-pressure";
import { subscribeDeliveries } from "../live/delivery-bus";
import { RESPONSE_BODY_CAP } from "../replay/replay-limits";
import { replaySettings } from "../replay/replay-settings";
import { sendRequest } from "../replay/send-request";
import { createTargetAgents } from "../replay/target-agents";
import { checkTargetUrl } from "../replay/target-url";
import {
  senderStore,
  type JobRow,
  type RuleRow,
  type SenderStore,
  type Want,
} from "../db/queries/forwarding";
import { jobFinish, judgeOutcome } from "./attempt-record";
import { buildForwardRequest } from "./build-forward-request";
import { notifyJobsChanged, onRulesChanged, type ActiveRule } from "./forward-rules-cache";
import { ruleHealthLog } from "./rule-health-log";
import type { Verdict } from "./retry-policy";

/** The most the pace may hold the sender back at once (a long step at a small share); and
 *  how much later a tick that failed (the database unreachable) is tried again. */
const MAX_PAUSE_MS = 1000;
const FAILED_TICK_MS = 1000;

/**
 * The background sender: off the receiver's path, it claims due jobs rule by rule (up to
 * each rule's concurrency, never two of one resource at once), sends them with replay's
 * guard, deadline, no-redirect and response-size rules, and records each attempt with
 * the job's next state in one transaction. Woken by new deliveries, rule changes and
 * finished sends; a timer covers the next retry. Its engine's store does the database work
 * (lib/db/queries/forwarding.ts): synchronously on SQLite, async on PostgreSQL.
 */
export class ForwardSender {
  private readonly inFlight = new Map<number, number>();
  private readonly controllers = new Set<AbortController>();
  private readonly reportHealth: ReturnType<typeof ruleHealthLog>;
  /** Kept-alive connections per target: each rule posts to one URL again and again. */
  private readonly agents = createTargetAgents();
  private timer: NodeJS.Timeout | null = null;
  private scheduled = false;
  /** An async tick (PostgreSQL) is under way; woken meanwhile, another runs after it. */
  private ticking = false;
  private wokenWhileTicking = false;
  private stopped = false;
  private unsubscribe: Array<() => void> = [];
  private pressure: ReceiverPressure | null = null;
  /** When the sender may next take the loop: its own work paced to the gauge's share. */
  private resumeAt = 0;
  /** The end of the loop time already counted as the sender's: intervals that overlap
   *  (a send started inside a tick) are counted once. */
  private countedTo = 0;

  constructor(private readonly store: SenderStore = senderStore()) {
    this.reportHealth = ruleHealthLog(store.rule);
  }

  /** Starts sending, and what was in flight when the last sender stopped (SQLite: this
   *  file's server at its last stop; PostgreSQL: the job lock's last holder) goes again. */
  async start() {
    await this.store.releaseLeases();
    if (this.stopped) return;
    this.pressure = watchReceiverPressure();
    this.unsubscribe = [
      subscribeDeliveries(() => {
        if (this.store.deliveriesBringWork()) this.wake();
      }),
      onRulesChanged(() => this.wake()),
    ];
    this.wake();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe.forEach((off) => off());
    this.pressure?.stop();
    // In-flight jobs keep their lease and go again at the next start.
    this.controllers.forEach((controller) => controller.abort());
    this.agents.destroy();
  }

  /** Ingest first: the sender takes the share of the loop the receiver pressure gauge
   *  allows (lib/ingest/receiver-pressure.ts): after each piece of its own work it rests
   *  for that work's time × (1 − share) / share, and each rule's concurrency follows the
   *  share (one send at its least). Jobs wait in the queue, durable, meanwhile. */
  wake() {
    this.wokenWhileTicking ||= this.ticking;
    if (this.ticking || this.scheduled || this.stopped) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      if (!this.stopped) this.tick();
    };
    const wait = this.resumeAt - performance.now();
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  }

  /** Counts `started`'s time to now as the sender's own, for the gauge and the pace. */
  private took(started: number) {
    const now = performance.now();
    const ms = now - Math.max(started, this.countedTo);
    if (ms <= 0) return;
    this.countedTo = now;
    this.pressure?.spent(ms);
    const share = this.pressure?.share() ?? 1;
    const pause = Math.min(MAX_PAUSE_MS, (ms * (1 - share)) / share);
    this.resumeAt = Math.max(this.resumeAt, now) + pause;
  }

  /** Sends in flight wait on the network, not the loop: they follow the gauge's whole
   *  share, not this user's split of it (the pace keeps the loop time within that). */
  private allowed(concurrency: number) {
    const share = this.pressure?.overall() ?? MAX_SHARE;
    return Math.max(1, Math.round((concurrency * share) / MAX_SHARE));
  }

  private tick() {
    const started = performance.now();
    if (this.timer) clearTimeout(this.timer);
    const now = Date.now();
    const claimed: JobRow[] = [];
    const nextAt = this.claimDue(now, claimed);
    if (typeof nextAt === "number") return this.claimed(started, now, nextAt, claimed);
    this.took(started); // PostgreSQL: the loop's part; the waits are the server's
    this.ticking = true;
    void nextAt
      .catch((error: unknown) => {
        if (!this.stopped) console.error("claiming forwards failed", error);
        return Date.now() + FAILED_TICK_MS;
      })
      .then((at) => {
        this.ticking = false;
        this.claimed(performance.now(), Date.now(), at, claimed);
        if (this.wokenWhileTicking) {
          this.wokenWhileTicking = false;
          this.wake();
        }
      });
  }

  /** A sender stopped meanwhile leaves what it claimed to the next (their leases). */
  private claimed(started: number, now: number, nextAt: number, claimed: JobRow[]) {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.wake(), Math.max(nextAt - now, 5));
    this.took(started);
    for (const job of claimed) void this.send(job);
  }

  /** Queues what is new and claims each rule's due jobs into `claimed` (SQLite: in one
   *  transaction, lib/db/queries/forwarding-sqlite-step.ts); answers when to look again.
   *  One resource's jobs are queued in order: claims need not wait for the rest. */
  private claimDue(now: number, claimed: JobRow[]): number | Promise<number> {
    const rules = this.store.activeRules();
    if (rules instanceof Promise)
      return rules.then((active) => this.claimFor(active, now, claimed));
    return this.claimFor(rules, now, claimed);
  }

  private claimFor(rules: ActiveRule[], now: number, claimed: JobRow[]): number | Promise<number> {
    const leaseUntil = now + replaySettings().timeoutMs + 30_000;
    const wants: Want[] = [];
    for (const rule of rules) {
      if (rule.paused) continue;
      const free = this.allowed(rule.concurrency) - (this.inFlight.get(rule.id) ?? 0);
      // A full rule is woken by its sends finishing; one that found fewer due jobs than
      // free slots looks when its next retry falls due.
      if (free > 0) wants.push({ ruleId: rule.id, free });
    }
    const saturated = this.pressure?.saturated() ?? false;
    return this.store.takeStep({ wants, saturated, now, leaseUntil, claimed });
  }

  private async send(job: JobRow) {
    // Counted before the rule is read: on PostgreSQL a tick may run while it is.
    this.inFlight.set(job.rule_id, (this.inFlight.get(job.rule_id) ?? 0) + 1);
    const controller = new AbortController();
    this.controllers.add(controller);
    try {
      const rule = await this.store.rule(job.rule_id);
      if (rule && !this.stopped) await this.attempt(rule, job, controller.signal);
    } finally {
      this.controllers.delete(controller);
      this.inFlight.set(job.rule_id, (this.inFlight.get(job.rule_id) ?? 1) - 1);
      this.wake();
    }
  }

  private async attempt(rule: RuleRow, job: JobRow, signal: AbortSignal) {
    const started = performance.now();
    const replay = replaySettings();
    const policy = { allowPrivate: replay.allowPrivate };
    const target = checkTargetUrl(rule.url, policy);
    const built = await buildForwardRequest(rule, job.delivery_id);
    if (!target.ok || !built.ok) {
      const reason = !target.ok ? `url: ${target.reason}` : built.ok ? "" : built.reason;
      const answer = { status: null, error: reason, durationMs: 0 };
      return this.finish(rule, job, { outcome: "dead", reason }, answer, null);
    }
    const sending = sendRequest(
      { url: target.url, headers: built.headers, body: built.body },
      {
        policy,
        timeoutMs: replay.timeoutMs,
        maxResponseBytes: RESPONSE_BODY_CAP,
        signal,
        agents: this.agents,
      },
    );
    // Node writes a request on a kept connection in a next-tick callback queued by
    // sendRequest: one queued now runs after it, so the write counts as the sender's.
    process.nextTick(() => this.took(started));
    const outcome = await sending;
    if (this.stopped) return;
    const answered = performance.now();
    const { verdict, error, response } = judgeOutcome(job, outcome, Date.now());
    // The first try at recording runs now; waits for the write lock are not loop time.
    const answer = { status: outcome.status, error, durationMs: outcome.durationMs };
    const recorded = this.finish(rule, job, verdict, answer, response);
    this.took(answered);
    await recorded;
  }

  /** Records the attempt and the job's next state; with the write lock taken (SQLite) or no
   *  database (PostgreSQL) it tries again shortly, and the job keeps its lease meanwhile (a
   *  stop or a kill before the record lands sends it again: at least once). */
  private async finish(
    rule: RuleRow,
    job: JobRow,
    verdict: Verdict,
    answer: { status: number | null; error: string | null; durationMs: number },
    response: string | null,
  ) {
    const now = Date.now();
    const done = jobFinish(job, verdict, answer, response, now);
    for (;;) {
      const recorded = this.store.record(done, job);
      if (recorded instanceof Promise ? await recorded : recorded) break;
      if (this.stopped) return;
      await new Promise((resolve) => setTimeout(resolve, this.store.retryMs));
    }
    await this.reportHealth(rule.id, verdict.outcome === "delivered", now);
    notifyJobsChanged();
  }
}
