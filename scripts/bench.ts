import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { connectToolHost } from '../bench/host/connect.js';
import { encodeLine, LineSplitter } from '../core/wire/line-splitter.js';
import { jsonTooDeep } from '../core/wire/messages.js';
import { encodeRecord } from '../datapool/store/records.js';
import type { SampleRecord } from '../datapool/types.js';
import { startEmbeddedSystem } from '../system/embedded.js';

/**
 * `npm run bench`: micro-benchmarks of the hot paths with tinybench. Each task is one operation a run does
 * thousands of times: decoding device lines, a command through the datapool to a board and back over a real
 * socket, and a tool call through the MCP SDK on top of that. Figures, not assertions: speed targets live
 * here and in `iotmcp-bench perf`, never in timed tests.
 */

const REPLY = {
  id: '1b2c3d4e-0000-4000-8000-000000000000',
  sensor: 'DHT11',
  temperature: 24.1,
  humidity: 51,
  timestamp: 123456,
  peak_memory: 71234,
  elapsed_ms: 0.12,
};
const SAMPLE: SampleRecord = {
  kind: 'sample',
  id: REPLY.id,
  seq: 0,
  mcu: 'esp32-living-room',
  place: 'living-room',
  sensor: 'DHT11',
  command: 'read_all',
  data: { temperature: 24.1, humidity: 51 },
  device: { timestamp: 123456, peakMemory: 71234, memorySource: 'modeled', elapsedMs: 0.12 },
  hops: { accepted: 1.5, dispatched: 2.5, received: 3.5, stored: 4.5 },
  final: true,
};
const BATCH = Buffer.from(Array.from({ length: 100 }, () => encodeLine(REPLY)).join(''));

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-bench-'));
  const system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir, log: () => {} });
  const host = await connectToolHost({ transport: 'memory', architecture: 'gateway', datapool: system.server.datapool });
  try {
    const bench = new Bench({ time: Number(process.env['BENCH_TIME_MS'] ?? 2000) });
    const splitter = new LineSplitter();
    bench
      .add('wire: split and parse 100 reply lines', () => {
        splitter.push(BATCH, (event) => {
          if (event.ok) JSON.parse(event.line);
        });
      })
      // The same with the nesting bound the datapool applies to every device line: what the safety limit costs.
      .add('wire: split, parse and depth-check 100 reply lines', () => {
        splitter.push(BATCH, (event) => {
          if (event.ok && jsonTooDeep(JSON.parse(event.line))) throw new Error('a reply refused as too deep');
        });
      })
      .add('store: serialise 100 sample records (JSON only)', () => {
        let text = '';
        for (let n = 0; n < 100; n++) text += `${JSON.stringify(SAMPLE)}\n`;
        if (text.length === 0) throw new Error('nothing serialised');
      })
      // The same as the store writes them, each with its CRC-32: what the per-record checksum costs.
      .add('store: serialise 100 sample records with checksums', () => {
        let text = '';
        for (let n = 0; n < 100; n++) text += encodeRecord(SAMPLE);
        if (text.length === 0) throw new Error('nothing serialised');
      })
      .add('datapool: one DHT11 read, submit -> board -> stored record', async () => {
        const status = await system.server.datapool.run({ sensor: 'DHT11', place: 'living-room' }, { timeoutMs: 5000 });
        if (status.state !== 'done') throw new Error(`read ended ${status.state}`);
      })
      .add('mcp: dht11_read_temperature over the in-memory transport', async () => {
        const result = await host.call('dht11_read_temperature', { place: 'living-room' });
        if (result.isError) throw new Error(result.text);
      });
    await bench.run();
    console.table(bench.table());
  } finally {
    await host.close();
    await system.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
