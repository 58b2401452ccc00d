import http from "node:http";
import https from "node:https";
import type { GuardPolicy } from "./address-guard";
import { guardedLookup, systemResolver, type Resolver } from "./guarded-lookup";

/**
 * Kept-alive connections, one agent per target origin (and guard policy), for a sender
 * that posts to the same few targets again and again (the forward sender): a new
 * connection per send cost ~0.25 ms of the server's loop and as much of the target's.
 * Every new connection still goes through the guarded lookup, so the address a socket
 * connects to is the one the guard judged; a kept socket stays pinned to it, and a name
 * that now resolves elsewhere is judged again when the next connection is made.
 * No DB, no Next.
 */
export type TargetAgents = {
  agentFor: (url: URL, policy: GuardPolicy, resolve?: Resolver) => http.Agent;
  destroy: () => void;
};

/** How long a kept connection may sit idle: under Node's default server keep-alive
 *  (5 s), so that the server does not close it while a request is on its way; a server
 *  that announces less (`Keep-Alive: timeout=N`) is taken at its word by Node's agent. */
export const IDLE_SOCKET_MS = 4_000;
/** Idle connections kept per origin: a rule sends at most its concurrency at once. */
const FREE_SOCKETS = 16;

export function createTargetAgents(): TargetAgents {
  const byResolver = new Map<Resolver, Map<string, http.Agent>>();
  return {
    agentFor(url, policy, resolve = systemResolver) {
      let agents = byResolver.get(resolve);
      if (!agents) byResolver.set(resolve, (agents = new Map<string, http.Agent>()));
      const key = `${policy.allowPrivate ? "private" : "public"} ${url.origin}`;
      let agent = agents.get(key);
      if (!agent) {
        const Agent = url.protocol === "https:" ? https.Agent : http.Agent;
        agent = new Agent({
          keepAlive: true,
          timeout: IDLE_SOCKET_MS,
          maxFreeSockets: FREE_SOCKETS,
          lookup: guardedLookup(policy, resolve),
        });
        agents.set(key, agent);
      }
      return agent;
    },
    destroy() {
      for (const agents of byResolver.values()) agents.forEach((agent) => agent.destroy());
      byResolver.clear();
    },
  };
}
