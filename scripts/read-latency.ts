/**
 * Measures one sensor read end to end (datapool -> emulated board over TCP -> stored -> answered), in process
 * and through the HTTP API, on the embedded default. A quick check for changes on the hot path until
 * `iotmcp-bench perf` exists. Usage: node dist/scripts/read-latency.js [reads]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpUrl } from '../core/net/host-port.js';
import { HttpDatapoolClient } from '../datapool/http-client.js';
import type { DatapoolClient } from '../datapool/types.js';
import { startEmbeddedSystem } from '../system/embedded.js';

const reads = Number(process.argv[2] ?? 2000);

async function measure(label: string, client: DatapoolClient): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < reads; i++) {
    const start = performance.now();
    const status = await client.run({ sensor: 'DHT11', command: 'read_temp' }, { timeoutMs: 5_000 });
    if (status.state !== 'done') throw new Error(`read ${i} ended ${status.state}: ${status.error?.message}`);
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number): string => (ms[Math.floor(q * (ms.length - 1))] ?? NaN).toFixed(3);
  console.log(`${label}: ${reads} sequential reads, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-latency-'));
const system = await startEmbeddedSystem({
  devices: { host: '127.0.0.1', port: 0 },
  http: { host: '127.0.0.1', port: 0 },
  dataDir,
});
const http = new HttpDatapoolClient(httpUrl(system.server.httpAddress!));
try {
  await measure('in process', system.server.datapool);
  await measure('HTTP API  ', http);
} finally {
  http.close();
  await system.close();
  await rm(dataDir, { recursive: true, force: true });
}
