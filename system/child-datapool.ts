import { HttpDatapoolClient } from '../datapool/http-client.js';
import type { ChildDatapool, ChildDatapoolSpec } from './datapool-placement.js';
import { DatapoolProcess } from './datapool-process.js';
import { listedOnline } from './listed-online.js';

/** The datapool as a child process on free loopback ports; the host reaches it over its HTTP API. */
export async function startChildDatapool(spec: ChildDatapoolSpec, dataDir: string): Promise<ChildDatapool> {
  const datapool = await DatapoolProcess.start({
    dataDir,
    ...(spec.args !== undefined && { args: spec.args }),
    ...(spec.cliEntry !== undefined && { cliEntry: spec.cliEntry }),
    ...(spec.startTimeoutMs !== undefined && { startTimeoutMs: spec.startTimeoutMs }),
    ...(spec.log !== undefined && { log: spec.log }),
  });
  return {
    kind: 'child-process',
    process: datapool,
    // The same across restarts: a restarted child takes the ports of the first.
    get devices() {
      return datapool.devices;
    },
    get url() {
      return datapool.url;
    },
    hostOptions: () => ({ datapoolUrl: datapool.url }),
    async whenOnline(ids, timeoutMs) {
      const client = new HttpDatapoolClient(datapool.url);
      try {
        await listedOnline(client, ids, timeoutMs);
      } finally {
        client.close();
      }
    },
    close: () => datapool.stop(),
  };
}
