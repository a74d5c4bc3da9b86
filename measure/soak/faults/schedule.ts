import { SeededRandom } from '../../../devices/network/random.js';
import type { FaultKind } from '../soak-types.js';
import { brokerRestart } from './broker-restart.js';
import { datapoolKill } from './datapool-kill.js';
import type { Fault } from './fault.js';
import { latencySpike } from './latency-spike.js';
import { malformedOutput } from './malformed-output.js';
import { mcuDrop } from './mcu-drop.js';

/** Which fault comes next: round-robin over the kinds, each round in a seeded order, so every kind recurs evenly. */

export const FAULTS: Readonly<Record<FaultKind, Fault>> = {
  'mcu-drop': mcuDrop,
  'datapool-kill': datapoolKill,
  'broker-restart': brokerRestart,
  'malformed-output': malformedOutput,
  'latency-spike': latencySpike,
};

export function* faultOrder(kinds: readonly FaultKind[], seed: number | string): Generator<Fault, never> {
  if (kinds.length === 0) throw new Error('no fault kinds to inject');
  const random = new SeededRandom(`${seed}/fault-order`);
  let previous: FaultKind | undefined;
  for (;;) {
    const round = [...kinds];
    // Fisher-Yates, seeded.
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    // No kind twice in a row across rounds: the second would hit a part still recovering from the first.
    if (round.length > 1 && round[0] === previous) [round[0], round[1]] = [round[1]!, round[0]!];
    for (const kind of round) yield FAULTS[kind];
    previous = round[round.length - 1];
  }
}
