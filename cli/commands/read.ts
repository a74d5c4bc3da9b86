import type { Command } from 'commander';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import type { CommandStatus, SampleRecord } from '../../datapool/types.js';
import { DEFAULT_DATAPOOL_URL, parseNumber } from '../options.js';
import { secret, tokenOption } from '../security/auth-options.js';
import { renderTable } from '../table.js';

interface ReadOptions {
  interval?: number;
  duration?: number;
  window: number;
  mcu?: string;
  place?: string;
  datapool: string;
  token?: string;
  json?: boolean;
}

/** One sample as a flat record, in the shape the original datapool stored (driver fields beside id and timestamp). */
export function flatRecord(sample: SampleRecord): Record<string, unknown> {
  return {
    id: sample.id,
    seq: sample.seq,
    mcu: sample.mcu,
    place: sample.place,
    sensor: sample.sensor,
    command: sample.command,
    ...sample.data,
    timestamp: sample.device.timestamp,
    peak_memory: sample.device.peakMemory,
    memory_model: sample.device.memorySource,
    hops: sample.hops,
  };
}

function describeValue(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export function registerRead(program: Command): void {
  program
    .command('read')
    .description('Send one command through the datapool and print the record(s) it yields')
    .argument('<sensor>', 'sensor type, e.g. DHT11 (case, "-" and "_" ignored: hc_sr04 finds HC-SR04)')
    .argument('[command]', 'MCU command, e.g. read_temp (default read_all)')
    .option('--interval <s>', 'seconds between samples', parseNumber)
    .option('--duration <s>', 'seconds: 0 one sample, > 0 a series, < 0 a stream (stopped after --window)', parseNumber)
    .option('--window <s>', 'how long to collect a stream before stopping it', parseNumber, 10)
    .option('--mcu <id>', 'pick this MCU')
    .option('--place <name>', 'pick an MCU in this place')
    .option('--datapool <url>', 'datapool HTTP API (env IOTMCP_DATAPOOL)', DEFAULT_DATAPOOL_URL)
    .addOption(tokenOption("the datapool's bearer token (if it was started with one)"))
    .option('--json', 'print one JSON record per line')
    .action(async (sensor: string, command: string | undefined, opts: ReadOptions) => {
      const token = secret(opts.token);
      const client = new HttpDatapoolClient(opts.datapool, { ...(token !== undefined && { token }) });
      try {
        // A board named by id that the datapool has never seen is a typo or another fleet's: say so before
        // sending, instead of a command that waits 10 s for nobody.
        const boards = await client.mcus();
        if (opts.mcu !== undefined) {
          const board = boards.find((mcu) => mcu.id === opts.mcu);
          if (board === undefined) {
            throw Object.assign(
              new Error(
                `read: the datapool knows no MCU "${opts.mcu}"; it knows ${boards.map((mcu) => `${mcu.id} (${mcu.online ? 'online' : 'offline'})`).join(', ') || 'none'}`,
              ),
              { exitCode: 2 },
            );
          }
          if (!board.online) process.stderr.write(`read: MCU "${board.id}" is offline; the command waits for it (up to the timeout)\n`);
        }
        const request = {
          sensor,
          ...(command !== undefined && { command }),
          ...(opts.interval !== undefined && { interval: opts.interval }),
          ...(opts.duration !== undefined && { duration: opts.duration }),
          ...(opts.mcu !== undefined && { mcu: opts.mcu }),
          ...(opts.place !== undefined && { place: opts.place }),
        };
        const duration = opts.duration ?? 0;
        let status: CommandStatus;
        if (duration < 0) {
          status = await client.run(request, { timeoutMs: opts.window * 1000, until: 'window' });
          status = { ...(await client.cancel(status.id)), samples: status.samples };
        } else {
          // A series takes its duration; allow 10 s on top for the device and the network (the original's timeout).
          status = await client.run(request, { timeoutMs: duration * 1000 + 10_000 });
        }
        print(status, opts.json === true);
        if (status.state === 'failed') process.exitCode = 1;
        else if (status.state !== 'done') {
          // Say why, when the datapool can tell: the board it went to is away.
          const board = status.mcu === null ? undefined : (await client.mcus()).find((mcu) => mcu.id === status.mcu);
          const why = board !== undefined && !board.online ? `: MCU "${board.id}" is offline` : '';
          await client.cancel(status.id).catch(() => undefined);
          process.stderr.write(`read: no final result within the timeout${why} (state ${status.state}, id ${status.id}; the command was cancelled)\n`);
          process.exitCode = 1;
        }
      } finally {
        client.close();
      }
    });
}

function print(status: CommandStatus, json: boolean): void {
  if (json) {
    for (const sample of status.samples) process.stdout.write(`${JSON.stringify(flatRecord(sample))}\n`);
    if (status.error) process.stdout.write(`${JSON.stringify({ id: status.id, error: status.error })}\n`);
    return;
  }
  if (status.samples.length > 0) {
    const fields = Object.keys(status.samples[0]?.data ?? {});
    process.stdout.write(
      renderTable(
        ['#', ...fields, 'timestamp', 'peak_memory'],
        status.samples.map((sample) => [
          String(sample.seq),
          ...fields.map((field) => describeValue(sample.data[field])),
          String(sample.device.timestamp ?? ''),
          sample.device.peakMemory === null ? '' : `${sample.device.peakMemory} B (${sample.device.memorySource})`,
        ]),
      ),
    );
  }
  const where = status.mcu ? ` on ${status.mcu}${status.place ? ` (${status.place})` : ''}` : '';
  process.stdout.write(`${status.request.sensor} ${status.request.command}${where}, id ${status.id}\n`);
  if (status.error) process.stderr.write(`error (${status.error.code}): ${status.error.message}\n`);
}
