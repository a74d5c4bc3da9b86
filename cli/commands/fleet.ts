import type { Command } from 'commander';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import type { McuInfo } from '../../datapool/types.js';
import { DEFAULT_DATAPOOL_URL } from '../options.js';
import { secret, tokenOption } from '../security/auth-options.js';
import { renderTable } from '../table.js';

/** Sensor types with the MCUs carrying each and how many of those are online. */
export function sensorsOf(mcus: readonly McuInfo[]): { sensor: string; mcus: string[]; online: number }[] {
  const bySensor = new Map<string, { sensor: string; mcus: string[]; online: number }>();
  for (const mcu of mcus) {
    for (const sensor of mcu.sensors) {
      const entry = bySensor.get(sensor) ?? { sensor, mcus: [], online: 0 };
      entry.mcus.push(mcu.id);
      if (mcu.online) entry.online += 1;
      bySensor.set(sensor, entry);
    }
  }
  return [...bySensor.values()].sort((a, b) => a.sensor.localeCompare(b.sensor));
}

export function registerFleet(program: Command): void {
  program
    .command('fleet')
    .description('List the MCUs the datapool knows: model, place, sensors, online state')
    .option('--datapool <url>', 'datapool HTTP API (env IOTMCP_DATAPOOL)', DEFAULT_DATAPOOL_URL)
    .addOption(tokenOption("the datapool's bearer token (if it was started with one)"))
    .option('--json', 'print JSON: { mcus, sensors }')
    .action(async (opts: { datapool: string; token?: string; json?: boolean }) => {
      const token = secret(opts.token);
      const client = new HttpDatapoolClient(opts.datapool, { ...(token !== undefined && { token }) });
      try {
        const mcus = await client.mcus();
        const sensors = sensorsOf(mcus);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ mcus, sensors }, null, 2)}\n`);
          return;
        }
        const online = mcus.filter((mcu) => mcu.online).length;
        process.stdout.write(
          `${renderTable(
            ['MCU', 'MODEL', 'PLACE', 'ONLINE', 'SENSORS'],
            mcus.map((mcu) => [mcu.id, mcu.model ?? '?', mcu.place ?? '?', mcu.online ? 'yes' : 'no', mcu.sensors.join(' ')]),
          )}${mcus.length} MCUs (${online} online), ${sensors.length} sensor types\n`,
        );
      } finally {
        client.close();
      }
    });
}
