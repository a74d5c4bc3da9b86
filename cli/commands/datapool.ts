import { type Command, Option } from 'commander';
import { type HostPort, httpUrl, tcpUrl } from '../../core/net/host-port.js';
import { READY_JSON_OPTION, readyLine } from '../../system/datapool-ready.js';
import { stopOnSignal } from '../lifecycle.js';
import { DEFAULT_DATA_DIR, DEFAULT_DEVICES, DEFAULT_HTTP, parseHostPort } from '../options.js';
import { allowAnonymousDevicesOption, deviceKeyOption, deviceTokenOption, secret, tokenOption } from '../security/auth-options.js';
import { addDeviceLimitOptions, type DeviceLimitFlags, deviceLimitsOf } from '../security/device-limits.js';
import { datapoolSerialOptions, describeSerial, type SerialFlags, serialOptionsOf } from './serial-options.js';
import { addStoreOptions, type StoreFlags, storeOptionsOf } from './store-options.js';

export function registerDatapool(program: Command): void {
  const command = program
    .command('datapool')
    .description('Run the datapool and connection server alone (devices connect to it; the host talks to its HTTP API)')
    .addOption(
      new Option('--devices <host:port>', 'device-side TCP listener').argParser(parseHostPort).default(parseHostPort(DEFAULT_DEVICES), DEFAULT_DEVICES),
    )
    .addOption(new Option('--http <host:port>', 'host-side HTTP API').argParser(parseHostPort).default(parseHostPort(DEFAULT_HTTP), DEFAULT_HTTP))
    .option('--data <dir>', 'where the datapool stores its records', DEFAULT_DATA_DIR)
    .addOption(tokenOption('bearer token the HTTP API requires (needed when --http is not loopback)'))
    .addOption(deviceTokenOption('token boards must announce with (needed when --devices is not loopback)'))
    .addOption(allowAnonymousDevicesOption())
    .addOption(deviceKeyOption())
    .option(
      READY_JSON_OPTION,
      'once listening, print the device and HTTP addresses as one JSON line on stdout, for a program that started this one (the line for people goes to stderr)',
    );
  for (const option of datapoolSerialOptions()) command.addOption(option);
  addDeviceLimitOptions(command);
  addStoreOptions(command).action(
    async (
      opts: StoreFlags &
        SerialFlags &
        DeviceLimitFlags & {
          devices: HostPort;
          http: HostPort;
          data: string;
          token?: string;
          deviceToken?: string;
          allowAnonymousDevices?: boolean;
          deviceKey?: Map<string, string>;
          readyJson?: boolean;
        },
    ) => {
      const { composeSystem } = await import('../../system/compose.js');
      const token = secret(opts.token);
      const deviceToken = secret(opts.deviceToken);
      const serial = serialOptionsOf(opts);
      const system = await composeSystem({
        datapool: {
          kind: 'in-process',
          dataDir: opts.data,
          devices: opts.devices,
          ...(deviceToken !== undefined && { deviceToken }),
          allowAnonymousDevices: opts.allowAnonymousDevices === true,
          ...(opts.deviceKey !== undefined && opts.deviceKey.size > 0 && { deviceKeys: opts.deviceKey }),
          deviceLimits: deviceLimitsOf(opts),
          http: opts.http,
          ...(token !== undefined && { token }),
          store: storeOptionsOf(opts),
          ...(serial !== undefined && { serial }),
        },
      });
      const { server } = system.datapool;
      const lines = describeSerial(server.datapool.serialLines());
      const forPeople =
        `datapool: devices ${tcpUrl(server.devicesAddress)}${deviceToken !== undefined ? ' (device token required)' : ''}, ` +
        `${lines === '' ? '' : `${lines}, `}` +
        `host API ${server.httpAddress ? httpUrl(server.httpAddress) : '(none)'}${token !== undefined ? ' (token required)' : ''}, data ${opts.data} (Ctrl-C stops)\n`;
      if (opts.readyJson === true) {
        process.stderr.write(forPeople);
        process.stdout.write(readyLine({ devices: server.devicesAddress, http: server.httpAddress }));
      } else {
        process.stdout.write(forPeople);
      }
      stopOnSignal(() => system.close());
    },
  );
}
