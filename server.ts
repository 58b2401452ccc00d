import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type Database from "better-sqlite3";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import next from "next";
import { getAdminToken } from "./lib/auth/admin-token";
import { SEARCH_WORKER_BUNDLE } from "./lib/build/server-bundle";
import { createAccessGate } from "./lib/auth/node-gate";
import { databaseFile, getConfig } from "./lib/config";
import { applyMigrations } from "./lib/db/apply-migrations";
import { keepStatistics } from "./lib/db/keep-statistics";
import { closeConnection, connection } from "./lib/db/connection";
import { isPostgresUrl } from "./lib/db/engine";
import { refuseUnported } from "./lib/db/postgres-coverage";
import { preparePostgresDatabase } from "./lib/db/prepare-postgres-database";
import { currentDictionary } from "./lib/db/queries/content-dictionaries";
import { ensureDefaultEndpoint } from "./lib/db/queries/default-endpoint";
import { startDeliveryFeed } from "./lib/db/queries/delivery-listener";
import { closeJobLocks } from "./lib/db/queries/job-locks";
import { getDatabase } from "./lib/db/sqlite";
import {
  databaseCompanions,
  protectDataFiles,
  protectDataFolder,
} from "./lib/files/protect-data-files";
import { startForwarding } from "./lib/forwarding/start-forwarding";
import { receiverUrl } from "./lib/http/base-url";
import { isLoopbackUrl, LOOPBACK_ADVICE } from "./lib/http/loopback-url";
import { getIngestContext } from "./lib/ingest/ingest-context";
import { RECEIVER_METHODS, RECEIVER_PATH, receiveNodeRequest } from "./lib/ingest/node-transport";
import { httpServerOptions, maxHeadersCount, refuseTooManyHeaders } from "./lib/limits/http-limits";
import { startTimelineKeeper } from "./lib/resources/start-timeline-keeper";
import { startTimelineKeeperJob } from "./lib/resources/start-timeline-keeper-job";
import { createEncoder, type Dictionary } from "./lib/storage/content-codec";
import { startDictionaryLearner } from "./lib/storage/start-dictionary-learner";
import { startRetention } from "./lib/retention/start-retention";
import { startSearchWorker } from "./lib/search/search-worker";
import { startSearchIndex } from "./lib/search/start-search-index";
import { startSearchIndexJob } from "./lib/search/start-search-index-job";
import { startStatsRollups } from "./lib/stats/start-stats-rollups";

/**
 * Hooklens's server: Next.js for the dashboard and API, with the receiver path answered
 * directly on node:http (a Next route handler tops out near 600 requests/s here). Both
 * paths run the same lib/ingest code; HOOKLENS_FAST_INGEST=0 sends receivers through
 * the route handler instead.
 */
async function main() {
  // Between full collections V8 lets the old generation grow to several times the live
  // heap when collecting is cheap: under steady ingest that was ~200 MB of garbage over
  // ~60 MB live (issue 19: the server must stay under 400 MB resident). Growing by half
  // the live heap instead costs a few more incremental collections, not throughput.
  setFlagsFromString("--heap-growing-percent=50");
  const config = getConfig();
  const dev = process.argv.includes("--dev");
  // Data at rest is the operator's alone: files this process (and the migration it runs)
  // creates are born 0600 in a 0700 folder, and older ones are brought into line below.
  process.umask(0o077);
  // On PostgreSQL only the ported part serves (issue 14): lib/db says what, refuses the
  // rest, and the SQLite-only work below gets no handle to run on.
  const postgres = isPostgresUrl(config.DATABASE_URL);
  const postgresNotes = postgres
    ? await preparePostgresDatabase({
        databaseUrl: config.DATABASE_URL,
        skipMigrate: config.HOOKLENS_SKIP_MIGRATE,
        adminTokenSet: config.HOOKLENS_ADMIN_TOKEN !== undefined,
        unfinished: config.HOOKLENS_POSTGRES_UNFINISHED,
      })
    : [];
  const dbFile = databaseFile(config.DATABASE_URL);
  if (!postgres) {
    protectDataFolder(dbFile);
    if (!config.HOOKLENS_SKIP_MIGRATE) applyMigrations(config.DATABASE_URL);
  }
  const db = postgres ? null : getDatabase();
  const { token, created } = await ensureDefaultEndpoint();
  const ingest = getIngestContext();
  const deliveryFeed = startDeliveryFeed();
  // On both engines: on PostgreSQL under its job lock, on one instance at a time.
  const statsRollups = startStatsRollups();
  const retention = startRetention({ config });
  // On both engines: writers take the newest dictionary (the seed, stored at the first
  // start); on PostgreSQL one instance learns under its job lock and every one follows.
  const writeWith = (dictionary: Dictionary) => (ingest.encoder = createEncoder(dictionary));
  const dictionary = await currentDictionary();
  writeWith(dictionary);
  const dictionaryLearner = startDictionaryLearner({
    after: config.HOOKLENS_DICTIONARY_LEARN_AFTER,
    writingWith: dictionary.id,
    onLearned: writeWith,
  });
  const forwarding = startForwarding();
  // On SQLite the index runs in its worker (startSqliteWork); on PostgreSQL under its job lock.
  const searchIndexJob = postgres && config.HOOKLENS_SEARCH_INDEX ? startSearchIndexJob() : null;
  // On SQLite the keeper's paced loop (startSqliteWork); on PostgreSQL under its job lock.
  const timelineKeeperJob = postgres ? startTimelineKeeperJob() : null;
  const admin = getAdminToken();
  if (db) protectDataFiles([...databaseCompanions(dbFile), ...(admin.file ? [admin.file] : [])]);
  const admit = createAccessGate({ dev });
  const fastIngest = config.HOOKLENS_FAST_INGEST;
  const refuse = postgres ? refuseUnported : () => false;

  const app = next({ dev, hostname: config.HOST, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();

  // Everything but the receiver passes the access gate (lib/auth) before Next sees it.
  const server = createServer(httpServerOptions(config), (req, res) => {
    if (refuseTooManyHeaders(req, res, config.HOOKLENS_MAX_HEADERS)) return;
    if (fastIngest && req.url && RECEIVER_METHODS.has(req.method ?? "")) {
      const match = RECEIVER_PATH.exec(req.url);
      if (match?.[1]) return refuse(req, res) || receiveNodeRequest(req, res, match[1]);
    }
    const admitted = admit(req, res);
    if (admitted === true) serve(req, res);
    else if (admitted !== false) void admitted.then((yes) => yes && serve(req, res));
  });
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    if (!refuse(req, res)) void handle(req, res);
  };
  server.keepAliveTimeout = 65_000;
  server.maxHeadersCount = maxHeadersCount(config);
  const jobs = db ? startSqliteWork(db, { dev, dbFile }) : null;
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const base = config.HOOKLENS_PUBLIC_URL ?? `http://localhost:${port}`;
    if (admin.generated) {
      console.log(
        `> Generated the admin token, kept in ${admin.file} (shown this once). Log in at:`,
      );
      console.log(`>   ${base}/login#token=${admin.token}`);
    } else {
      console.log(
        `> Admin token: ${admin.source === "environment" ? "from HOOKLENS_ADMIN_TOKEN" : `kept in ${admin.file}`}`,
      );
    }
    for (const line of postgresNotes) console.log(line);
    console.log(
      `> Hooklens ready on http://${config.HOST}:${port} (${dev ? "development" : "production"})`,
    );
    console.log(
      `> ${created ? "Created the default endpoint. " : ""}Receiver URL: ${receiverUrl(base, token)}`,
    );
    if (isLoopbackUrl(base)) console.log(`> ${LOOPBACK_ADVICE}`);
  });

  const shutdown = () => {
    server.close();
    jobs?.stop();
    statsRollups.stop();
    retention.stop();
    dictionaryLearner.stop();
    forwarding.stop();
    searchIndexJob?.stop();
    timelineKeeperJob?.stop();
    deliveryFeed.stop();
    ingest.writer.flush(true);
    db?.close();
    // A pool that cannot close (a query stuck on a dead server) must not hold the exit.
    const closed = Promise.all([closeJobLocks(), closeConnection(connection())]).catch(
      () => undefined,
    );
    void Promise.race([closed, delay(2000)]).finally(() => process.exit(0));
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

/** The background work that runs on SQLite only so far (issue 14 ports it). */
function startSqliteWork(db: Database.Database, options: { dev: boolean; dbFile: string }) {
  const config = getConfig();
  // The index's reading, tokenising and writing run on another core, in a worker beside this file
  // (the compiled server's; the source through tsx, whose loader workers inherit, in dev).
  const searchWorker = options.dev ? "lib/search/search-index-worker.ts" : SEARCH_WORKER_BUNDLE;
  const searchIndex = config.HOOKLENS_SEARCH_INDEX
    ? startSearchIndex({
        db,
        worker: startSearchWorker({
          workerFile: path.join(import.meta.dirname, searchWorker),
          databaseFile: options.dbFile,
        }),
      })
    : null;
  const statistics = keepStatistics(db);
  const timelineKeeper = startTimelineKeeper({ db });
  return {
    stop() {
      searchIndex?.stop();
      statistics.stop();
      timelineKeeper.stop();
    },
  };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
