import { httpUrl } from '../core/net/host-port.js';
import { startDatapoolServer } from '../datapool/server.js';
import type { InProcessDatapool, InProcessDatapoolSpec } from './datapool-placement.js';
import type { FleetAdmission } from './fleet-identity.js';

/** The datapool with its device listener and, unless disabled, its HTTP API, in this process. */
export async function startInProcessDatapool(spec: InProcessDatapoolSpec, dataDir: string, admission: FleetAdmission | null): Promise<InProcessDatapool> {
  const deviceKeys = new Map([...(spec.deviceKeys ?? []), ...(admission?.deviceKeys ?? [])]);
  const server = await startDatapoolServer({
    devices: {
      ...spec.devices,
      ...(spec.deviceToken !== undefined && { token: spec.deviceToken }),
      ...(spec.allowAnonymousDevices !== undefined && { allowAnonymous: spec.allowAnonymousDevices }),
      ...(deviceKeys.size > 0 && { deviceKeys }),
      ...spec.deviceLimits,
    },
    http: spec.http === false ? false : { ...spec.http, ...(spec.token !== undefined && { token: spec.token }) },
    dataDir,
    ...spec.store,
    ...(admission !== null && { fleetMcus: admission.fleetMcus }),
    ...(spec.log !== undefined && { log: spec.log }),
    ...(spec.serial !== undefined && { serial: spec.serial }),
  });
  const http = server.httpAddress;
  return {
    kind: 'in-process',
    server,
    client: server.datapool,
    devices: server.devicesAddress,
    url: http === null ? null : httpUrl(http),
    hostOptions: () => ({
      datapool: server.datapool,
      // Servers in child processes (stdio) reach it over its HTTP API.
      ...(http !== null && { datapoolUrl: httpUrl(http), ...(spec.token !== undefined && { datapoolToken: spec.token }) }),
    }),
    // A board is online for us once the datapool has read its announcement, not once the board has sent it.
    whenOnline: (ids, timeoutMs) => server.datapool.whenOnline(ids, timeoutMs),
    close: () => server.close(),
  };
}
