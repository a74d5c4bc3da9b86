import { SeededRandom } from './random.js';

/**
 * How the network between a board and the datapool behaves. `ideal` adds nothing (loopback speed);
 * `wifi` delays each message by a one-way delay drawn from the board's WiFi model (mean and jitter,
 * never negative). Faults are for tests and robustness runs: dropped reply lines and latency spikes.
 */

export const NETWORK_PROFILES = ['ideal', 'wifi'] as const;
export type NetworkProfileName = (typeof NETWORK_PROFILES)[number];

export interface NetworkFaults {
  /** Probability that an outgoing reply line is lost, 0..1. */
  lossRate?: number | undefined;
  /** Delay added to a message hit by a latency spike, ms. */
  extraDelayMs?: number | undefined;
  /** Share of messages hit by the spike, 0..1; every message when absent. */
  spikeRate?: number | undefined;
}

/** The conditions of one link, one draw per message. */
export interface NetworkConditions {
  readonly profile: NetworkProfileName;
  /** One-way delay for the next message, ms, >= 0. */
  delayMs(): number;
  /** Whether the next outgoing reply line is lost. */
  dropReply(): boolean;
}

export interface NetworkOptions {
  profile: NetworkProfileName;
  /** The board's WiFi model (from its MCU profile). */
  wifi: { meanMs: number; jitterMs: number };
  /** Seeds the link's draws: the same seed replays the same delays and losses. */
  seed: number | string;
  faults?: NetworkFaults | undefined;
}

export function createNetworkConditions(options: NetworkOptions): NetworkConditions {
  const random = new SeededRandom(options.seed);
  const { meanMs, jitterMs } = options.wifi;
  const lossRate = clamp01(options.faults?.lossRate ?? 0);
  const extraDelayMs = Math.max(0, options.faults?.extraDelayMs ?? 0);
  const spikeRate = clamp01(options.faults?.spikeRate ?? 1);
  const wifi = options.profile === 'wifi';
  return {
    profile: options.profile,
    delayMs() {
      let delay = wifi ? Math.max(0, meanMs + jitterMs * random.gaussian()) : 0;
      if (extraDelayMs > 0 && (spikeRate >= 1 || random.next() < spikeRate)) delay += extraDelayMs;
      return delay;
    },
    dropReply() {
      return lossRate > 0 && random.next() < lossRate;
    },
  };
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
