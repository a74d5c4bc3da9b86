import type { McuProfile } from '../mcu/profile.js';
import type { NetworkProfileName } from '../network/profiles.js';

/**
 * Which firmware an emulated board runs: `emulator`, the TypeScript reference firmware in this process (fast,
 * modelled memory, fault injection), or `micropython`, our MicroPython firmware executing in MicroPython's
 * WebAssembly port in a worker of its own (its `peak_memory` measured by MicroPython's allocator).
 */
export const FIRMWARE_KINDS = ['emulator', 'micropython'] as const;
export type FirmwareKind = (typeof FIRMWARE_KINDS)[number];

/** What a running fleet needs of any board, whichever firmware it runs. */
export interface FleetBoard {
  readonly id: string;
  readonly model: string;
  readonly place: string;
  readonly profile: McuProfile;
  readonly firmwareKind: FirmwareKind;
  /** Announced sensor names. */
  readonly sensors: readonly string[];
  /** Announced actuator names. */
  readonly actuators: readonly string[];
  readonly speed: number;
  readonly network: NetworkProfileName;
  readonly online: boolean;
  /** Starts dialing the datapool; the board redials on its own until `stop()`. */
  start(): void;
  whenOnline(): Promise<void>;
  stop(): Promise<void>;
  /** 'online', 'offline' (Error | undefined), 'error' (Error). */
  on(event: 'online' | 'offline' | 'error', listener: (...args: unknown[]) => void): this;
  off(event: 'online' | 'offline' | 'error', listener: (...args: unknown[]) => void): this;
}
