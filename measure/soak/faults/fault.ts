import type { EmulatedMcu } from '../../../devices/mcu/emulated-mcu.js';
import type { SeededRandom } from '../../../devices/network/random.js';
import type { FaultNeeds } from '../recovery.js';
import type { SoakSystem } from '../soak-system.js';
import type { FaultKind } from '../soak-types.js';

/**
 * One kind of fault: it picks its target first (so the soak can start the recovery clock before anything
 * breaks), then breaks it. `needs` says which answered calls show the fault is over.
 */

export interface FaultContext {
  system: Pick<SoakSystem, 'fleet' | 'datapool' | 'broker'>;
  /** Seeded: the same soak seed picks the same targets. */
  random: SeededRandom;
  spike: { extraDelayMs: number; durationMs: number };
  /** Aborts when the soak stops (a spike in progress ends early). */
  signal: AbortSignal;
}

export interface PlannedFault {
  /** The board(s), `datapool` or `broker`. */
  target: string;
  detail: string;
  needs: FaultNeeds;
  /** Recovery is timed from the injection, or from the end of the fault (a spike lasts a while). */
  measureFrom: 'start' | 'end';
  /** Does the damage; resolves when the fault is fully applied (a spike: when it is over). */
  apply(): Promise<void>;
}

export interface Fault {
  kind: FaultKind;
  plan(context: FaultContext): PlannedFault;
}

/** `count` distinct boards, online ones first (a board already away cannot be broken again). */
export function pickBoards(context: FaultContext, count: number): EmulatedMcu[] {
  const online = context.system.fleet.mcus.filter((mcu) => mcu.online);
  const pool = online.length >= count ? online : [...context.system.fleet.mcus];
  const picked: EmulatedMcu[] = [];
  while (picked.length < count && pool.length > 0) {
    const index = Math.floor(context.random.next() * pool.length);
    picked.push(pool.splice(index, 1)[0]!);
  }
  return picked;
}
