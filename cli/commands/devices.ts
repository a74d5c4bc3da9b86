import { type Command, InvalidArgumentError, Option } from 'commander';
import { BROKER_ENV } from '../../bench/mcp/mqtt/defaults.js';
import { type HostPort, tcpUrl } from '../../core/net/host-port.js';
import type { EmulatedMcu } from '../../devices/mcu/emulated-mcu.js';
import { FIRMWARE_KINDS, type FirmwareKind } from '../../devices/mcu/fleet-board.js';
import { stopOnSignal } from '../lifecycle.js';
import { DEFAULT_BROKER, DEFAULT_DEVICES, parseHostPort, parseInteger, parseNetwork, parseWorldTime } from '../options.js';
import { brokerCredentials, deviceTokenOption, type MqttFlags, mqttOptions, secret } from '../security/auth-options.js';
import { parseSerialPaths, serialBaudOption } from './serial-options.js';

interface DevicesOptions extends MqttFlags {
  fleet?: string;
  deviceListener?: HostPort;
  network: 'ideal' | 'wifi';
  scenario?: string;
  seed?: number;
  time?: number;
  native?: boolean;
  broker: string;
  deviceToken?: string;
  serial?: readonly string[] | 'auto';
  serialBaud: number;
  firmware?: FirmwareKind;
}

export function registerDevices(program: Command): void {
  const command = program
    .command('devices')
    .description('Run an emulated fleet that connects to a datapool (reconnecting while it is away)')
    .option('--fleet <file>', 'fleet JSON file (default: the built-in fleet of 6 MCUs)')
    .option('--device-listener <host:port>', `the datapool's device listener, the TCP port boards dial (default ${DEFAULT_DEVICES})`, parseHostPort)
    // Every other --datapool takes the HTTP API's URL; this one took the device port, which was easy to mix up.
    .addOption(
      new Option('--datapool <value>').hideHelp().argParser((value: string): never => {
        throw new InvalidArgumentError(
          `devices takes the datapool's device listener as --device-listener HOST:PORT (default ${DEFAULT_DEVICES}), not --datapool; got "${value}"`,
        );
      }),
    )
    .option('--network <profile>', 'ideal | wifi', parseNetwork, 'ideal' as const)
    .option('--scenario <name>', "world scenario (default: the fleet file's)")
    .option('--seed <n>', 'world seed', parseInteger)
    .option('--time <iso|ms>', 'world time at start', parseWorldTime)
    .option('--native', 'each board also serves its own MCP server over MQTT (iotmcp/devices/<mcu id>)')
    .option('--broker <url>', `MQTT 5 broker for --native (or ${BROKER_ENV})`, DEFAULT_BROKER)
    .addOption(deviceTokenOption("the datapool's device token, sent by every board in its announce line"))
    .option(
      '--serial <paths>',
      "run boards on these serial lines instead of TCP (comma-separated): the fleet's first N boards, one per line, and no others; each sends PING until the datapool answers PONG, then announces",
      parseSerialPaths,
    )
    .addOption(serialBaudOption())
    .addOption(
      new Option(
        '--firmware <kind>',
        "what every board runs: emulator (the TypeScript firmware, modelled memory) or micropython (our MicroPython firmware in MicroPython's WebAssembly port, a worker per board, memory measured by its allocator); default: each board's `firmware` in the fleet file, else emulator",
      ).choices(FIRMWARE_KINDS),
    );
  for (const option of mqttOptions()) command.addOption(option);
  command.action(async (opts: DevicesOptions) => {
    // An anonymous remote broker is refused before any board starts.
    const mqtt = opts.native ? brokerCredentials(opts.broker, opts) : undefined;
    const token = secret(opts.deviceToken);
    const { startFleet } = await import('../../devices/fleet/start-fleet.js');
    const { loadFleet, DEFAULT_FLEET_PATH } = await import('../../devices/fleet/fleet-file.js');
    const fleetFile = await loadFleet(opts.fleet ?? DEFAULT_FLEET_PATH);
    const datapool = opts.deviceListener ?? parseHostPort(DEFAULT_DEVICES);
    if (opts.serial === 'auto') throw new InvalidArgumentError('devices --serial takes the lines to run boards on (auto is for the datapool)');
    if (opts.serial !== undefined && opts.serial.length > fleetFile.mcus.length) {
      throw new InvalidArgumentError(`devices --serial names ${opts.serial.length} lines but the fleet has ${fleetFile.mcus.length} boards`);
    }
    const serial = opts.serial === undefined ? undefined : { paths: opts.serial, baudRate: opts.serialBaud };
    const fleet = await startFleet({
      ...(serial !== undefined && { serial }),
      ...(opts.firmware !== undefined && { firmware: opts.firmware }),
      fleet: fleetFile,
      datapool,
      ...(token !== undefined && { token }),
      network: opts.network,
      ...(opts.scenario !== undefined && { scenario: opts.scenario }),
      ...(opts.seed !== undefined && { seed: opts.seed }),
      ...(opts.time !== undefined && { timeMs: opts.time }),
    });
    const where = serial === undefined ? tcpUrl(datapool) : `serial ${fleet.boards.map((mcu, i) => `${mcu.id} on ${serial.paths[i]}`).join(', ')}`;
    const micropython = fleet.boards.filter((board) => board.firmwareKind === 'micropython').length;
    const firmware = micropython === 0 ? '' : `, ${micropython === fleet.boards.length ? 'all' : micropython} on MicroPython`;
    process.stdout.write(
      `devices: ${fleet.boards.length} emulated MCUs connecting to ${where} (${opts.network} network${firmware}; they retry until it answers; Ctrl-C stops)\n`,
    );
    fleet.whenOnline().then(
      () => process.stdout.write('devices: all MCUs online\n'),
      () => undefined,
    );
    await reportRefusals(fleet.mcus);
    if (!opts.native) {
      stopOnSignal(() => fleet.stop());
      return;
    }
    const { startNativeMcp } = await import('../../bench/mcp/native/native-mcp.js');
    let native: Awaited<ReturnType<typeof startNativeMcp>>;
    try {
      native = await startNativeMcp({ fleet, brokerUrl: opts.broker, ...(mqtt !== undefined && { host: mqtt }) });
    } catch (error) {
      await fleet.stop();
      throw new Error(`--native: could not serve MCP over MQTT on ${opts.broker}: ${(error as Error).message}`);
    }
    process.stdout.write(
      `devices: ${native.hosts.length} boards serve MCP over MQTT on ${opts.broker} ` + `(${native.hosts.map((h) => h.serverName).join(', ')})\n`,
    );
    stopOnSignal(async () => {
      await native.close();
      await fleet.stop();
    });
  });
}

/**
 * A datapool that turns the boards away (missing or wrong device token) says why once, on stderr; the
 * boards keep retrying slowly, so fixing the datapool's token brings them online. Socket errors while the
 * datapool is away are routine and stay quiet.
 */
async function reportRefusals(mcus: readonly EmulatedMcu[]): Promise<void> {
  const { BoardRefusedError } = await import('../../devices/mcu/link.js');
  let told = false;
  for (const mcu of mcus) {
    mcu.on('error', (error: Error) => {
      if (told || !(error instanceof BoardRefusedError)) return;
      told = true;
      process.stderr.write(`devices: ${error.message} (every board retries every few seconds; check --device-token / IOTMCP_DEVICE_TOKEN)\n`);
    });
  }
}
