import { type Command, InvalidArgumentError, Option } from 'commander';
import { httpUrl, tcpUrl } from '../../core/net/host-port.js';
import { stopOnSignal } from '../lifecycle.js';
import { DEFAULT_DATA_DIR, DEFAULT_DEVICES, DEFAULT_HTTP, parseHostPort, parseInteger, parseNetwork, parseWorldTime } from '../options.js';
import { allowAnonymousDevicesOption, deviceKeyOption, deviceTokenOption, secret, tokenOption } from '../security/auth-options.js';
import { addDeviceLimitOptions, type DeviceLimitFlags, deviceLimitsOf } from '../security/device-limits.js';
import { datapoolSerialOptions, describeSerial, type SerialFlags, serialOptionsOf } from './serial-options.js';
import { addStoreOptions, type StoreFlags, storeOptionsOf } from './store-options.js';

/** `--device-speed`: a number >= 1. */
function parseDeviceSpeed(value: string): number {
  const speed = Number(value);
  if (value.trim() === '' || !Number.isFinite(speed) || speed < 1) {
    throw new InvalidArgumentError(`expected a number >= 1 (1 = real time), got "${value}"`);
  }
  return speed;
}

export function registerUp(program: Command): void {
  const command = program
    .command('up')
    .description('Run the datapool and the default emulated fleet in one process (the embedded default), until Ctrl-C')
    .addOption(
      new Option('--devices <host:port>', 'device-side TCP listener').argParser(parseHostPort).default(parseHostPort(DEFAULT_DEVICES), DEFAULT_DEVICES),
    )
    .addOption(new Option('--http <host:port>', 'host-side HTTP API').argParser(parseHostPort).default(parseHostPort(DEFAULT_HTTP), DEFAULT_HTTP))
    .option('--data <dir>', 'where the datapool stores its records', DEFAULT_DATA_DIR)
    .option('--fleet <file>', 'fleet JSON file (default: the built-in fleet of 6 MCUs)')
    .option('--network <profile>', 'ideal | wifi', parseNetwork, 'ideal' as const)
    .option('--scenario <name>', "world scenario (default: the fleet file's)")
    .option('--seed <n>', 'world seed', parseInteger)
    .option('--time <iso|ms>', 'world time at start', parseWorldTime)
    .option('--device-speed <n>', 'emulated boards sample n times faster than real time (same readings; sampling times shrink by n)', parseDeviceSpeed, 1)
    .addOption(tokenOption('bearer token the HTTP API requires (needed when --http is not loopback)'))
    .addOption(deviceTokenOption('token boards must announce with; the emulated fleet sends it (needed when --devices is not loopback)'))
    .addOption(allowAnonymousDevicesOption())
    .addOption(deviceKeyOption());
  for (const option of datapoolSerialOptions()) command.addOption(option);
  addDeviceLimitOptions(command);
  addStoreOptions(command).action(
    async (
      opts: DeviceLimitFlags &
        StoreFlags &
        SerialFlags & {
          devices: ReturnType<typeof parseHostPort>;
          http: ReturnType<typeof parseHostPort>;
          data: string;
          fleet?: string;
          network: 'ideal' | 'wifi';
          scenario?: string;
          seed?: number;
          time?: number;
          deviceSpeed: number;
          token?: string;
          deviceToken?: string;
          allowAnonymousDevices?: boolean;
          deviceKey?: Map<string, string>;
        },
    ) => {
      const { startEmbeddedSystem } = await import('../../system/embedded.js');
      const token = secret(opts.token);
      const deviceToken = secret(opts.deviceToken);
      const serial = serialOptionsOf(opts);
      const system = await startEmbeddedSystem({
        devices: opts.devices,
        http: opts.http,
        ...(token !== undefined && { token }),
        ...(deviceToken !== undefined && { deviceToken }),
        allowAnonymousDevices: opts.allowAnonymousDevices === true,
        ...(opts.deviceKey !== undefined && opts.deviceKey.size > 0 && { deviceKeys: opts.deviceKey }),
        deviceLimits: deviceLimitsOf(opts),
        store: storeOptionsOf(opts),
        ...(serial !== undefined && { serial }),
        dataDir: opts.data,
        network: opts.network,
        ...(opts.fleet !== undefined && { fleetPath: opts.fleet }),
        ...(opts.scenario !== undefined && { scenario: opts.scenario }),
        ...(opts.seed !== undefined && { seed: opts.seed }),
        ...(opts.time !== undefined && { timeMs: opts.time }),
        speed: opts.deviceSpeed,
      });
      const { server, fleet } = system;
      const sensors = new Set(fleet.boards.flatMap((mcu) => mcu.sensors));
      const http = server.httpAddress ? httpUrl(server.httpAddress) : '(no HTTP API)';
      process.stdout.write(
        `iotmcp-bench up: ${fleet.boards.length} MCUs online carrying ${sensors.size} sensor types (${opts.network} network` +
          `${opts.deviceSpeed === 1 ? '' : `, devices sped up ${opts.deviceSpeed}x`})\n` +
          `  devices  ${tcpUrl(server.devicesAddress)}${deviceToken !== undefined ? ' (device token required)' : ''}\n` +
          `${serial === undefined ? '' : `  serial   ${describeSerial(server.datapool.serialLines())}\n`}` +
          `  host API ${http}${token !== undefined ? ' (token required: clients use --token or IOTMCP_TOKEN)' : ''}\n` +
          `  data     ${opts.data}\n` +
          `Try: npx iotmcp-bench fleet   |   npx iotmcp-bench read DHT11 read_temp   (Ctrl-C stops)\n`,
      );
      stopOnSignal(() => system.close());
    },
  );
}
