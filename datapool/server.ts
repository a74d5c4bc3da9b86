import type { AddressInfo } from 'node:net';
import type { HostPort } from '../core/net/host-port.js';
import { requireDeviceToken, requireHttpToken } from '../core/security/off-loopback.js';
import { checkTokenFormat } from '../core/security/token-check.js';
import { Datapool, type DatapoolOptions } from './datapool.js';
import { DEFAULT_DEVICE_PORT } from './device-server.js';
import { DEFAULT_HTTP_PORT, HttpApi, type HttpApiOptions } from './http-api.js';

export interface DatapoolServerOptions extends DatapoolOptions {
  /** The HTTP API (default 127.0.0.1:8000), or false for none (the datapool is used in-process). */
  http?: HttpApiOptions | false;
}

export interface DatapoolServer {
  datapool: Datapool;
  devicesAddress: HostPort;
  httpAddress: HostPort | null;
  close(): Promise<void>;
}

/** The datapool with its device listener and, unless disabled, its HTTP API: what `datapool` and `up` run. */
export async function startDatapoolServer(options: DatapoolServerOptions): Promise<DatapoolServer> {
  // A listener open to the network without its secret is refused before anything is created or bound
  // (each listener checks again for itself; its warnings are logged there).
  const devices = options.devices ?? {};
  requireDeviceToken({ host: devices.host ?? '127.0.0.1', port: devices.port ?? DEFAULT_DEVICE_PORT }, devices.token, devices.allowAnonymous ?? false);
  if (devices.token !== undefined) checkTokenFormat(devices.token, 'device token');
  if (options.http !== false) {
    const http = options.http ?? {};
    requireHttpToken('the datapool HTTP API', { host: http.host ?? '127.0.0.1', port: http.port ?? DEFAULT_HTTP_PORT }, http.token);
    if (http.token !== undefined) checkTokenFormat(http.token);
  }
  const datapool = await Datapool.open(options);
  let api: HttpApi | null = null;
  let httpAddress: HostPort | null = null;
  if (options.http !== false) {
    api = new HttpApi(datapool, { log: options.log, ...options.http });
    try {
      httpAddress = hostPort(await api.listen());
    } catch (error) {
      await datapool.close();
      throw error;
    }
  }
  return {
    datapool,
    devicesAddress: hostPort(datapool.devicesAddress()!),
    httpAddress,
    async close() {
      if (api !== null) await api.close();
      await datapool.close();
    },
  };
}

function hostPort(address: AddressInfo): HostPort {
  return { host: address.address, port: address.port };
}
