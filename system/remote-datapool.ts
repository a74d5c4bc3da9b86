import { HttpDatapoolClient } from '../datapool/http-client.js';
import type { RemoteDatapool, RemoteDatapoolSpec } from './datapool-placement.js';
import { listedOnline } from './listed-online.js';

/** A datapool running elsewhere, reached at the URL of its HTTP API; its boards are its own. */
export async function openRemoteDatapool(spec: RemoteDatapoolSpec): Promise<RemoteDatapool> {
  const client = new HttpDatapoolClient(spec.url, { ...(spec.token !== undefined && { token: spec.token }) });
  if (spec.mustAnswer === true) {
    try {
      await client.health();
    } catch (error) {
      client.close();
      throw new Error(`the datapool at ${spec.url} does not answer: ${(error as Error).message}`);
    }
  }
  return {
    kind: 'remote',
    client,
    devices: null,
    url: spec.url,
    hostOptions: () => ({ datapool: client, datapoolUrl: spec.url, ...(spec.token !== undefined && { datapoolToken: spec.token }) }),
    whenOnline: (ids, timeoutMs) => listedOnline(client, ids, timeoutMs),
    close: async () => client.close(),
  };
}
