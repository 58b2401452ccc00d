import type { SimulatedClock } from "./platform-time";
import type { PlatformMessage } from "./platform-message";
import {
  attachedDataDisks,
  attachStep,
  changeStep,
  createStep,
  deleteStep,
  detachStep,
  syncUpdateStep,
} from "./platform-steps";
import type { Random } from "./random";
import type { BuildContext, SimResource } from "./sim-resource";

/**
 * The platform being simulated: the live resources and what happens to them next. Each
 * step returns the messages its notify service sends, in order.
 */
export type SimulatedPlatform = {
  readonly live: readonly SimResource[];
  step(): PlatformMessage[];
};

type StepName =
  "validation" | "create" | "syncCreate" | "change" | "syncUpdate" | "attach" | "delete";

export function createPlatform(random: Random, clock: SimulatedClock): SimulatedPlatform {
  const live: SimResource[] = [];
  const liveOf = (filter: (resource: SimResource) => boolean) => live.filter(filter);
  const pickOf = (filter: (resource: SimResource) => boolean) => {
    const matches = liveOf(filter);
    return matches.length === 0 ? undefined : random.pick(matches);
  };
  const context = (): BuildContext => ({
    random,
    now: clock.now(),
    related: (type) => pickOf((resource) => resource.type === type),
  });
  const isFreeDisk = (r: SimResource) =>
    r.type === "disk" && r.origin === "local" && (r.details.guests as unknown[]).length === 0;
  const isLocalServer = (r: SimResource) => r.type === "server" && r.origin === "local";

  const create = (origin: "local" | "cloud") => {
    const { resource, message } = createStep(context(), origin);
    live.push(resource);
    return [message];
  };

  const attachOrDetach = (): PlatformMessage[] => {
    const server = pickOf(isLocalServer);
    if (!server) return create("local");
    const attached = attachedDataDisks(server);
    const freeDisk = attached.length < 4 ? pickOf(isFreeDisk) : undefined;
    if (freeDisk && (attached.length === 0 || random.chance(0.6)))
      return attachStep(context(), server, freeDisk);
    const disk = live.find((r) => r.id === attached[0]);
    return disk ? detachStep(context(), server, disk) : create("local");
  };

  const remove = (): PlatformMessage[] => {
    const victim = pickOf(
      (r) => !(r.type === "disk" && (r.details.guests as unknown[]).length > 0),
    );
    if (!victim) return create("local");
    const attached = victim.type === "server" ? attachedDataDisks(victim) : [];
    const disk = live.find((r) => r.id === attached[0]);
    // The platform detaches data disks before a server goes away.
    if (disk) return detachStep(context(), victim, disk);
    const { deleted, message } = deleteStep(context(), victim);
    if (deleted) live.splice(live.indexOf(victim), 1);
    return [message];
  };

  const steps: Record<StepName, () => PlatformMessage[]> = {
    validation: () => [
      { kind: "validation", variant: random.pick(["current", "2022", "validate"] as const) },
    ],
    create: () => create("local"),
    syncCreate: () => create("cloud"),
    change: () => {
      const resource = pickOf(() => true);
      return resource ? [changeStep(context(), resource)] : create("local");
    },
    syncUpdate: () => {
      const resource = pickOf((r) => r.origin === "cloud");
      return resource ? [syncUpdateStep(context(), resource)] : create("cloud");
    },
    attach: attachOrDetach,
    delete: remove,
  };

  return {
    live,
    step() {
      const crowded = live.length > 12;
      const name = random.weighted<StepName>({
        validation: 0.8,
        create: live.length < 6 ? 40 : crowded ? 8 : 14,
        syncCreate: crowded ? 3 : 6,
        change: live.length === 0 ? 0 : 48,
        syncUpdate: 7,
        attach: 6,
        delete: crowded ? 12 : 2,
      });
      return steps[name]();
    },
  };
}
