import { distribution } from '../../bench/report/statistics.js';
import type { CommandStatus, DatapoolClient, McuInfo, SampleRecord } from '../../datapool/types.js';
import type { BoardCommandFigures, BoardFigures } from './perf-types.js';

/**
 * Surveys the boards a datapool holds, whoever they are (a lab's ESP32-S3s behind `--datapool`, or emulated
 * boards): per board, idle round trips and single reads of each of its sensors, one at a time, each read split
 * by hop from the stored record (datapool queue, network, the board's own time, store) and with the
 * `peak_memory` the board reported. Sequential on purpose: a lab wants each board's own latency, not the
 * datapool's throughput, and a real board has four timers.
 */

export interface BoardSurveyOptions {
  client: DatapoolClient;
  /** Round trips and reads of each sensor per board. */
  rounds: number;
  /** Only these boards (ids); every online board when absent. */
  boards?: readonly string[];
  timeoutMs?: number;
  log: (line: string) => void;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** Error messages kept per board for the report. */
const ERROR_SAMPLES = 3;

export async function surveyBoards(options: BoardSurveyOptions): Promise<BoardFigures[]> {
  const listed = await options.client.mcus();
  const wanted = options.boards === undefined ? listed.filter((mcu) => mcu.online) : listed.filter((mcu) => options.boards!.includes(mcu.id));
  const figures: BoardFigures[] = [];
  for (const mcu of wanted) {
    if (options.signal?.aborted) break;
    options.log(`boards: ${mcu.id} (${mcu.model ?? 'unknown model'}, ${mcu.firmware ?? 'firmware not announced'})`);
    figures.push(await surveyBoard(mcu, options));
  }
  return figures;
}

export async function surveyBoard(mcu: McuInfo, options: BoardSurveyOptions): Promise<BoardFigures> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const errors: string[] = [];
  let errorCount = 0;
  const failed = (error: unknown): void => {
    errorCount++;
    if (errors.length < ERROR_SAMPLES) errors.push((error as Error).message);
  };

  const roundTrips: number[] = [];
  const pingDevice: number[] = [];
  for (let i = 0; i < options.rounds && !options.signal?.aborted; i++) {
    try {
      const ping = await options.client.ping(mcu.id, { timeoutMs });
      roundTrips.push(ping.roundTripMs);
      if (ping.deviceElapsedMs !== null) pingDevice.push(ping.deviceElapsedMs);
    } catch (error) {
      failed(error);
    }
  }

  const commands: BoardCommandFigures[] = [];
  for (const sensor of mcu.sensors) {
    const samples: SampleRecord[] = [];
    for (let i = 0; i < options.rounds && !options.signal?.aborted; i++) {
      try {
        const status = await options.client.run({ sensor, mcu: mcu.id, duration: 0 }, { timeoutMs });
        const sample = onlySample(status);
        if (sample === undefined) failed(new Error(`${sensor}: ${status.error?.message ?? `ended ${status.state} without a sample`}`));
        else samples.push(sample);
      } catch (error) {
        failed(error);
      }
    }
    commands.push(commandFigures(`${sensor} read_all`, samples));
  }

  return {
    mcu: mcu.id,
    model: mcu.model,
    firmware: mcu.firmware,
    link: mcu.link ?? null,
    transport: mcu.transport ?? null,
    wifiPm: mcu.wifiPm ?? null,
    memorySource: mcu.memorySource,
    memorySamplingMs: mcu.memorySamplingMs ?? null,
    speed: mcu.speed ?? 1,
    idle: { calls: roundTrips.length, roundTrip: distribution(roundTrips), device: distribution(pingDevice) },
    commands,
    errors: errorCount,
    errorSamples: errors,
  };
}

function onlySample(status: CommandStatus): SampleRecord | undefined {
  return status.state === 'done' ? status.samples[0] : undefined;
}

/** One command's reads split by hop: each part from the stored record's instants and the board's `elapsed_ms`. */
export function commandFigures(command: string, samples: readonly SampleRecord[]): BoardCommandFigures {
  const total: number[] = [];
  const queue: number[] = [];
  const network: number[] = [];
  const device: number[] = [];
  const store: number[] = [];
  const peaks: number[] = [];
  for (const sample of samples) {
    const { accepted, dispatched, received, stored } = sample.hops;
    total.push(stored - accepted);
    queue.push(dispatched - accepted);
    store.push(stored - received);
    const held = sample.device.elapsedMs;
    if (typeof held === 'number') {
      device.push(held);
      // The wire both ways: what the board did not hold of the time between writing the line and its answer.
      network.push(Math.max(0, received - dispatched - held));
    }
    if (sample.device.peakMemory !== null) peaks.push(sample.device.peakMemory);
  }
  return {
    command,
    calls: samples.length,
    total: distribution(total),
    queue: distribution(queue),
    network: distribution(network),
    device: distribution(device),
    store: distribution(store),
    peakMemory: distribution(peaks),
  };
}
