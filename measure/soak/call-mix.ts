import type { HostTool } from '../../bench/host/tool-host.js';
import type { Fleet } from '../../devices/fleet/fleet-file.js';
import { SeededRandom } from '../../devices/network/random.js';

/**
 * The soak's load: a seeded, endless mix of sensor tool calls spread over every sensor of every board of the
 * fleet. Each call names its board (`mcu`), so a fault on one board can be told apart from the rest; most are
 * single reads, the others short series, all with arguments the tools' input schema accepts.
 */

export interface PlannedCall {
  /** The host's tool name (`dht11_read_temperature`). */
  tool: string;
  sensor: string;
  mcu: string;
  args: Record<string, unknown>;
  /** True for a series (duration > 0). */
  series: boolean;
}

/** Series the mix asks for: seconds of world time, and the interval between samples (2 to 6 samples). */
const SERIES_DURATIONS_S = [1, 2, 3] as const;
const SERIES_INTERVALS_S = [0.5, 1] as const;

interface Target {
  mcu: string;
  sensor: string;
  tools: readonly string[];
}

export class CallMix {
  private readonly targets: Target[];
  private readonly random: SeededRandom;

  /** Throws when no board of the fleet carries a sensor the host offers a tool for. */
  constructor(
    tools: readonly HostTool[],
    fleet: Fleet,
    seed: number | string,
    private readonly seriesShare = 0.3,
  ) {
    const bySensor = new Map<string, string[]>();
    for (const tool of tools) {
      if (tool.sensor === null || tool.pinnedMcu !== undefined) continue;
      const names = bySensor.get(tool.sensor) ?? [];
      names.push(tool.name);
      bySensor.set(tool.sensor, names);
    }
    this.targets = fleet.mcus.flatMap((mcu) =>
      mcu.sensors.flatMap((sensor) => {
        const names = bySensor.get(sensor.spec.name);
        return names === undefined ? [] : [{ mcu: mcu.id, sensor: sensor.spec.name, tools: names }];
      }),
    );
    if (this.targets.length === 0) throw new Error(`no sensor of fleet "${fleet.name}" has a tool on this host`);
    this.random = new SeededRandom(`${seed}/call-mix`);
  }

  /** Every board the mix calls. */
  get mcus(): string[] {
    return [...new Set(this.targets.map((target) => target.mcu))];
  }

  next(): PlannedCall {
    const target = this.pick(this.targets);
    const tool = this.pick(target.tools);
    if (this.random.next() >= this.seriesShare) {
      return { tool, sensor: target.sensor, mcu: target.mcu, args: { mcu: target.mcu }, series: false };
    }
    const args = { mcu: target.mcu, duration: this.pick(SERIES_DURATIONS_S), interval: this.pick(SERIES_INTERVALS_S) };
    return { tool, sensor: target.sensor, mcu: target.mcu, args, series: true };
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.next() * items.length)]!;
  }
}
