import type { RobotSettings } from "../cloudpods/render-delivery";
import { DEFAULT_START_AT } from "./generate-deliveries";
import { changeStep, createStep } from "./platform-steps";
import { createClock } from "./platform-time";
import { createRandom } from "./random";
import type { SimulatedDelivery } from "./delivery-expectation";
import { renderMessage } from "./render-message";
import type { BuildContext, SimResource } from "./sim-resource";

export type LoadOptions = {
  seed: number;
  count: number;
  robot?: RobotSettings;
  startAt?: number;
  /** How many resources the events are about (a busy platform's working set). */
  poolSize?: number;
};

/** Servers (about 4 KB a delivery) against disks, hosts, eips and networks (about 2 KB):
 *  this mix averages about 3 KB, the size the benchmarks are quoted for. */
const LOAD_MIX = { server: 40, disk: 25, host: 10, eip: 15, network: 10 };

/**
 * Deliveries for load benchmarks: create and update events of a working set of
 * resources, every body distinct, no validations, templates or retries. Producing one
 * costs about 0.2 ms (mostly Go-style JSON): pre-generate when measuring a fast receiver.
 */
export function* generateLoadDeliveries(
  options: LoadOptions,
): Generator<SimulatedDelivery, void, undefined> {
  const random = createRandom(options.seed);
  const clock = createClock(options.startAt ?? DEFAULT_START_AT);
  const robot = options.robot ?? {};
  const context = (): BuildContext => ({ random, now: clock.now(), related: () => undefined });
  const pool: SimResource[] = [];
  const poolSize = Math.max(1, options.poolSize ?? 200);

  for (let sequence = 0; sequence < options.count; sequence++) {
    clock.advance(random.int(5, 200));
    const grow = pool.length < poolSize && (pool.length === 0 || random.chance(0.2));
    let message;
    if (grow) {
      const created = createStep(context(), "local", random.weighted(LOAD_MIX));
      pool.push(created.resource);
      message = created.message;
    } else {
      message = changeStep(context(), random.pick(pool));
    }
    yield renderMessage({ message, robot, random, sequence, asTemplate: false });
  }
}
