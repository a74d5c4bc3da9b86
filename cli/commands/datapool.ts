import type { Command } from 'commander';
import { DEFAULT_DATA_DIR, DEFAULT_DEVICES, DEFAULT_HTTP, httpUrl, parseHostPort, type HostPort } from '../options.js';
import { stopOnSignal } from '../lifecycle.js';

export function registerDatapool(program: Command): void {
  program
    .command('datapool')
    .description('Run the datapool and connection server alone (devices connect to it; the host talks to its HTTP API)')
    .option('--devices <host:port>', 'device-side TCP listener', parseHostPort, parseHostPort(DEFAULT_DEVICES))
    .option('--http <host:port>', 'host-side HTTP API', parseHostPort, parseHostPort(DEFAULT_HTTP))
    .option('--data <dir>', 'where the datapool stores its records', DEFAULT_DATA_DIR)
    .action(async (opts: { devices: HostPort; http: HostPort; data: string }) => {
      const { startDatapoolServer } = await import('../../datapool/server.js');
      const server = await startDatapoolServer({ devices: opts.devices, http: opts.http, dataDir: opts.data });
      process.stdout.write(
        `datapool: devices tcp://${server.devicesAddress.host}:${server.devicesAddress.port}, ` +
          `host API ${server.httpAddress ? httpUrl(server.httpAddress) : '(none)'}, data ${opts.data} (Ctrl-C stops)\n`,
      );
      stopOnSignal(() => server.close());
    });
}
