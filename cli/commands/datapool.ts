import { Option, type Command } from 'commander';
import { DEFAULT_DATA_DIR, DEFAULT_DEVICES, DEFAULT_HTTP, parseHostPort } from '../options.js';
import { tcpUrl, httpUrl, type HostPort } from '../../core/net/host-port.js';
import { stopOnSignal } from '../lifecycle.js';
import { addStoreOptions, storeOptionsOf, type StoreFlags } from './store-options.js';
import { allowAnonymousDevicesOption, deviceKeyOption, deviceTokenOption, secret, tokenOption } from '../security/auth-options.js';
import { addDeviceLimitOptions, deviceLimitsOf, type DeviceLimitFlags } from '../security/device-limits.js';

export function registerDatapool(program: Command): void {
  const command = program
    .command('datapool')
    .description('Run the datapool and connection server alone (devices connect to it; the host talks to its HTTP API)')
    .addOption(new Option('--devices <host:port>', 'device-side TCP listener').argParser(parseHostPort).default(parseHostPort(DEFAULT_DEVICES), DEFAULT_DEVICES))
    .addOption(new Option('--http <host:port>', 'host-side HTTP API').argParser(parseHostPort).default(parseHostPort(DEFAULT_HTTP), DEFAULT_HTTP))
    .option('--data <dir>', 'where the datapool stores its records', DEFAULT_DATA_DIR)
    .addOption(tokenOption('bearer token the HTTP API requires (needed when --http is not loopback)'))
    .addOption(deviceTokenOption('token boards must announce with (needed when --devices is not loopback)'))
    .addOption(allowAnonymousDevicesOption())
    .addOption(deviceKeyOption());
  addDeviceLimitOptions(command);
  addStoreOptions(command)
    .action(async (opts: StoreFlags & DeviceLimitFlags & {
      devices: HostPort; http: HostPort; data: string; token?: string; deviceToken?: string; allowAnonymousDevices?: boolean;
      deviceKey?: Map<string, string>;
    }) => {
      const { startDatapoolServer } = await import('../../datapool/server.js');
      const token = secret(opts.token);
      const deviceToken = secret(opts.deviceToken);
      const server = await startDatapoolServer({
        devices: {
          ...opts.devices,
          ...(deviceToken !== undefined && { token: deviceToken }),
          allowAnonymous: opts.allowAnonymousDevices === true,
          ...(opts.deviceKey !== undefined && opts.deviceKey.size > 0 && { deviceKeys: opts.deviceKey }),
          ...deviceLimitsOf(opts),
        },
        http: { ...opts.http, ...(token !== undefined && { token }) },
        dataDir: opts.data,
        ...storeOptionsOf(opts),
      });
      process.stdout.write(
        `datapool: devices ${tcpUrl(server.devicesAddress)}${deviceToken !== undefined ? ' (device token required)' : ''}, ` +
          `host API ${server.httpAddress ? httpUrl(server.httpAddress) : '(none)'}${token !== undefined ? ' (token required)' : ''}, data ${opts.data} (Ctrl-C stops)\n`,
      );
      stopOnSignal(() => server.close());
    });
}
