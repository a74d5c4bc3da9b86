import type { Command } from 'commander';
import { DEFAULT_DEVICES, parseHostPort, parseInteger, parseNetwork, parseWorldTime, type HostPort } from '../options.js';
import { stopOnSignal } from '../lifecycle.js';
import { BROKER_ENV, DEFAULT_BROKER_URL } from '../../bench/mcp/mqtt/defaults.js';

export function registerDevices(program: Command): void {
  program
    .command('devices')
    .description('Run an emulated fleet that connects to a datapool (reconnecting while it is away)')
    .option('--fleet <file>', 'fleet JSON file (default: the built-in fleet of 6 MCUs)')
    .option('--datapool <host:port>', "datapool's device listener", parseHostPort, parseHostPort(DEFAULT_DEVICES))
    .option('--network <profile>', 'ideal | wifi', parseNetwork, 'ideal' as const)
    .option('--scenario <name>', "world scenario (default: the fleet file's)")
    .option('--seed <n>', 'world seed', parseInteger)
    .option('--time <iso|ms>', 'world time at start', parseWorldTime)
    .option('--native', 'each board also serves its own MCP server over MQTT (iotmcp/devices/<mcu id>)')
    .option('--broker <url>', `MQTT 5 broker for --native (or ${BROKER_ENV})`, process.env[BROKER_ENV] ?? DEFAULT_BROKER_URL)
    .action(async (opts: {
      fleet?: string; datapool: HostPort; network: 'ideal' | 'wifi'; scenario?: string; seed?: number; time?: number;
      native?: boolean; broker: string;
    }) => {
      const { startFleet } = await import('../../devices/fleet/fleet-runner.js');
      const { loadFleet, DEFAULT_FLEET_PATH } = await import('../../devices/fleet/fleet-file.js');
      const fleetFile = await loadFleet(opts.fleet ?? DEFAULT_FLEET_PATH);
      const fleet = await startFleet({
        fleet: fleetFile,
        datapool: opts.datapool,
        network: opts.network,
        ...(opts.scenario !== undefined && { scenario: opts.scenario }),
        ...(opts.seed !== undefined && { seed: opts.seed }),
        ...(opts.time !== undefined && { timeMs: opts.time }),
      });
      process.stdout.write(
        `devices: ${fleet.mcus.length} emulated MCUs connecting to tcp://${opts.datapool.host}:${opts.datapool.port} ` +
          `(${opts.network} network; they retry until it answers; Ctrl-C stops)\n`,
      );
      fleet.whenOnline().then(() => process.stdout.write('devices: all MCUs online\n'), () => undefined);
      if (!opts.native) {
        stopOnSignal(() => fleet.stop());
        return;
      }
      const { startNativeMcp } = await import('../../devices/native/native-mcp.js');
      let native: Awaited<ReturnType<typeof startNativeMcp>>;
      try {
        native = await startNativeMcp({ fleet, brokerUrl: opts.broker });
      } catch (error) {
        await fleet.stop();
        throw new Error(`--native: could not serve MCP over MQTT on ${opts.broker}: ${(error as Error).message}`);
      }
      process.stdout.write(
        `devices: ${native.hosts.length} boards serve MCP over MQTT on ${opts.broker} ` +
          `(${native.hosts.map((h) => h.serverName).join(', ')})\n`,
      );
      stopOnSignal(async () => {
        await native.close();
        await fleet.stop();
      });
    });
}
