import { type Command, InvalidArgumentError } from 'commander';
import type { ActuatorSafety } from '../../bench/mcp/actuator-safety.js';
import { idProblem } from '../../bench/mcp/mqtt/topics.js';
import type { ActuatorServersOption } from '../../bench/mcp/servers.js';
import type { HostPort } from '../../core/net/host-port.js';
import { isLoopbackUrl } from '../../core/security/loopback.js';
import { OpenToNetworkError, requireHttpToken } from '../../core/security/off-loopback.js';
import { redactUrl } from '../../core/security/redact-url.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import type { DatapoolClient } from '../../datapool/types.js';
import type { ComposedSystem, EmulatedFleetSpec } from '../../system/compose.js';
import type { InProcessDatapoolSpec, RemoteDatapoolSpec } from '../../system/datapool-placement.js';
import { stopOnSignal } from '../lifecycle.js';
import { DEFAULT_BROKER, parseHostPort, parseInteger, parsePositiveInteger } from '../options.js';
import { actuatorTokenOption, brokerCredentials, datapoolTokenOption, type MqttFlags, mqttOptions, secret, tokenOption } from '../security/auth-options.js';

/**
 * `mcp serve`: the benchmark's MCP servers on stdio, Streamable HTTP or MQTT. Without --datapool it brings
 * its own datapool and default fleet in-process, so an MCP host can launch it with nothing else running.
 * stdout belongs to MCP in stdio mode, so everything this command says goes to stderr.
 */

type Transport = 'stdio' | 'http' | 'mqtt';

interface ServeOptions extends MqttFlags {
  sensor: string;
  transport: Transport;
  listen?: HostPort;
  broker: string;
  datapool?: string;
  data?: string;
  fleet?: string;
  scenario?: string;
  seed?: number;
  token?: string;
  datapoolToken?: string;
  maxSessions?: number;
  maxSessionsPerClient?: number;
  sessionIdle?: number;
  mqttServerId?: string[];
  actuators?: boolean;
  actuatorToken?: string;
  auditLog?: string;
  policy?: string;
}

export const DEFAULT_MCP_LISTEN = '127.0.0.1:8100';

function parseTransport(value: string): Transport {
  if (value === 'stdio' || value === 'http' || value === 'mqtt') return value;
  throw new InvalidArgumentError(`expected stdio, http or mqtt, got "${value}"`);
}

/** `--mqtt-server-id a b c`: commander hands the values over one by one. */
function collectServerId(value: string, previous: string[] | undefined): string[] {
  const problem = idProblem('server-id', value);
  if (problem !== null) throw new InvalidArgumentError(problem);
  return [...(previous ?? []), value];
}

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

export function registerMcp(program: Command): void {
  const mcp = program.command('mcp').description('MCP servers for the sensors: one per sensor type, all in one, and the fleet');
  const serve = mcp
    .command('serve')
    .description('Serve the MCP servers on stdio, Streamable HTTP or MQTT (with an embedded datapool and fleet unless --datapool)')
    .option('--sensor <name>', 'sensor type (any spelling: DHT11, hc_sr04), "all" (80 prefixed tools + fleet tools) or "fleet"', 'all')
    .option('--transport <kind>', 'stdio | http | mqtt', parseTransport, 'stdio' as Transport)
    .option('--listen <host:port>', `HTTP listen address (http transport, default ${DEFAULT_MCP_LISTEN}); every server at /mcp/<name>`, parseHostPort)
    .option('--max-sessions <n>', 'http transport: open MCP sessions at most, all clients together (default 64)', parsePositiveInteger)
    .option(
      '--max-sessions-per-client <n>',
      "http transport: open MCP sessions per client address (default 32); past it the client's least recently used idle one is closed",
      parsePositiveInteger,
    )
    .option('--session-idle <s>', 'http transport: close a session after this many seconds without a request (default 1800)', parsePositiveInteger)
    .option('--broker <url>', 'MQTT broker (mqtt transport; env IOTMCP_BROKER)', DEFAULT_BROKER)
    .option('--datapool <url>', 'use a running datapool (e.g. http://127.0.0.1:8000) instead of an embedded one')
    .option('--data <dir>', 'embedded datapool: keep its records here (default: a temporary directory, removed on exit)')
    .option('--fleet <file>', 'embedded datapool: fleet JSON file (default: the built-in fleet of 6 MCUs)')
    .option('--scenario <name>', "embedded datapool: world scenario (default: the fleet file's)")
    .option('--seed <n>', 'embedded datapool: world seed', parseInteger)
    .addOption(tokenOption('bearer token the HTTP transport requires (needed when --listen is not loopback); also sent to --datapool'))
    .addOption(datapoolTokenOption());
  for (const option of mqttOptions()) serve.addOption(option);
  serve.option(
    '--mqtt-server-id <id...>',
    'mqtt transport: the server-id of each server, in the order served (default: <host>-<random>-<sensor>); ' +
      'fixed ids are what clients can accept exclusively, and what a broker ACL ties to a user name (bench/mcp/mqtt/acl/)',
    collectServerId,
  );
  serve
    .option('--actuators', 'also serve the actuator tools (one server per actuator type), emergency_stop and wait, behind the safety gate; needs --audit-log')
    .option('--audit-log <file>', 'with --actuators: the hash-chained audit log every actuator call is recorded in (appended to)')
    .option('--policy <file>', "with --actuators: the operator's safety policy file (default: the datasheets and their hazard directions)")
    .addOption(actuatorTokenOption());
  serve.action(async (opts: ServeOptions) => {
    const { findSensor, SENSORS } = await import('../../core/sensors/catalogue.js');
    const wanted = opts.sensor.toLowerCase();
    const selection: Selection | undefined = wanted === 'all' || wanted === 'fleet' ? wanted : findSensor(opts.sensor);
    if (selection === undefined) {
      throw new Error(`unknown sensor "${opts.sensor}"; use all, fleet or one of: ${SENSORS.map((s) => s.name).join(', ')}`);
    }

    // An open listener or an anonymous remote broker is refused before the embedded datapool starts.
    if (opts.transport === 'http') requireHttpToken('the MCP HTTP server', opts.listen ?? parseHostPort(DEFAULT_MCP_LISTEN), secret(opts.token));
    if (opts.transport === 'mqtt') brokerCredentials(opts.broker, opts);
    if (opts.mqttServerId !== undefined && opts.transport !== 'mqtt') throw new Error('--mqtt-server-id is for --transport mqtt');
    // No actuator moves unrecorded, so there are no actuator tools without a log to record them in.
    if (opts.actuators && opts.auditLog === undefined) throw new Error('--actuators needs --audit-log <file>: every actuator call is recorded');
    if (!opts.actuators && (opts.auditLog !== undefined || opts.policy !== undefined)) throw new Error('--audit-log and --policy are for --actuators');
    if (opts.actuators && opts.transport !== 'http' && selection !== 'all') throw new Error(`--actuators on ${opts.transport} needs --sensor all`);
    await requireActuatorAuthorisation(opts);

    const system = await openDatapool(opts);
    let serving: Serving;
    try {
      const start = opts.transport === 'stdio' ? serveStdio : opts.transport === 'http' ? serveHttp : serveMqtt;
      const actuators = await openActuators(opts, system.datapool.client);
      // The system owns the servers from now on and, as they came last, closes them first: no call is left
      // waiting on a datapool that is already gone, and the audit log closes after the last call.
      if (actuators !== undefined) system.adopt(actuators);
      serving = system.adopt(await start(selection, opts, system.datapool.client, actuators?.options));
    } catch (error) {
      await system.close();
      throw error;
    }
    say(`mcp: serving ${serving.where}; datapool: ${datapoolDescription(system)}${opts.transport === 'stdio' ? '' : ' (Ctrl-C stops)'}`);
    const stop = (): Promise<void> => system.close();
    stopOnSignal(stop);
    // A stdio host that closes our stdin is done with us.
    void serving.ended?.then(() => stop().then(() => process.exit(0)));
  });
}

/** A sensor type, every sensor ("all") or the fleet directory alone. */
type Selection = SensorSpec | 'all' | 'fleet';

interface Serving {
  /** Where it serves, for the start-up line. */
  where: string;
  /** Resolves when the peer ends the session for good (stdio: stdin closed). */
  ended?: Promise<void>;
  close(): Promise<void>;
}

async function serveStdio(selection: Selection, _opts: ServeOptions, datapool: DatapoolClient, actuators?: ActuatorServersOption): Promise<Serving> {
  const [servers, { serveStdio: serve }, { registerEveryActuatorTool }] = await Promise.all([
    import('../../bench/mcp/servers.js'),
    import('../../bench/mcp/transports/stdio.js'),
    import('../../bench/mcp/actuator-servers.js'),
  ]);
  const options = { datapool, log: say };
  const server =
    selection === 'all'
      ? servers.createAllSensorsServer(options)
      : selection === 'fleet'
        ? servers.createFleetServer(options)
        : servers.createSensorServer(selection, options);
  // stdio serves one server, so the actuator tools join the all-sensors one (prefixed, they cannot clash).
  if (actuators !== undefined) registerEveryActuatorTool(server, { ...actuators, datapool });
  const serving = await serve(server, { log: say });
  const what =
    selection === 'all'
      ? `all 80 sensor tools and the fleet tools${actuators === undefined ? '' : ', the actuator tools, emergency_stop and wait'}`
      : selection === 'fleet'
        ? 'the fleet tools'
        : `${selection.name} (${Object.keys(selection.tools).length} tools)`;
  return { where: `${what} on stdio`, ended: serving.closed, close: () => serving.close() };
}

/** Every server, each on its own path, whatever --sensor says: one HTTP listener serves them all. */
async function serveHttp(_selection: Selection, opts: ServeOptions, datapool: DatapoolClient, actuators?: ActuatorServersOption): Promise<Serving> {
  const [servers, { serveMcpOverHttp }] = await Promise.all([import('../../bench/mcp/servers.js'), import('../../bench/mcp/transports/http.js')]);
  const token = secret(opts.token);
  const actuatorToken = secret(opts.actuatorToken);
  const http = await serveMcpOverHttp({
    ...(actuatorToken !== undefined && { actuatorToken }),
    servers: servers.allServerEntries({ datapool, log: say }, actuators),
    listen: opts.listen ?? parseHostPort(DEFAULT_MCP_LISTEN),
    log: say,
    ...(opts.maxSessions !== undefined && { maxSessions: opts.maxSessions }),
    ...(opts.maxSessionsPerClient !== undefined && { maxSessionsPerClient: opts.maxSessionsPerClient }),
    ...(opts.sessionIdle !== undefined && { sessionIdleMs: opts.sessionIdle * 1000 }),
    ...(token !== undefined && { token }),
  });
  return {
    where:
      `22 sensor servers on ${http.url('/mcp/<sensor>')} (e.g. ${http.url('/mcp/dht11')}), ` +
      `all tools on ${http.url('/mcp/all')}, the fleet on ${http.url('/mcp/fleet')}` +
      (actuators === undefined
        ? ''
        : `, actuators on ${http.url('/mcp/<actuator>')} (e.g. ${http.url('/mcp/relay-fan')}) and emergency_stop and wait on ${http.url('/mcp/safety')}`) +
      (token !== undefined ? ' (clients send "Authorization: Bearer <token>")' : '') +
      (actuatorToken !== undefined ? '; the actuator and safety servers take only the actuator token' : ''),
    close: () => http.close(),
  };
}

/** The selected sensor's server, or every sensor server and the fleet, each under its own MQTT server-name. */
async function serveMqtt(selection: Selection, opts: ServeOptions, datapool: DatapoolClient, actuators?: ActuatorServersOption): Promise<Serving> {
  const credentials = brokerCredentials(opts.broker, opts);
  const [servers, { sensorServerName }, { serveOverMqtt }, { actuatorServerEntries }] = await Promise.all([
    import('../../bench/mcp/servers.js'),
    import('../../bench/mcp/tool-names.js'),
    import('../../bench/mcp/mqtt/serve.js'),
    import('../../bench/mcp/actuator-servers.js'),
  ]);
  const options = { datapool, log: say };
  const entries =
    selection === 'all'
      ? [
          ...servers.sensorServerEntries(options),
          servers.fleetServerEntry(options),
          ...(actuators === undefined ? [] : actuatorServerEntries({ ...actuators, datapool })),
        ]
      : selection === 'fleet'
        ? [servers.fleetServerEntry(options)]
        : servers.sensorServerEntries(options).filter((entry) => entry.name === sensorServerName(selection.name));
  const mqtt = await serveOverMqtt({
    brokerUrl: opts.broker,
    servers: entries,
    ...(opts.mqttServerId !== undefined && { serverIds: opts.mqttServerId }),
    ...(credentials !== undefined && { host: credentials }),
    log: (level, message) => {
      if (level !== 'debug') say(`mcp mqtt ${level}: ${message}`);
    },
  });
  const names = entries.length > 2 ? `${entries.length} servers (iotmcp/sensors/<sensor>, iotmcp/fleet)` : entries.map((e) => e.name).join(', ');
  const ids = mqtt.hosts.map((host) => host.serverId).join(', ');
  return { where: `${names} over MQTT at ${redactUrl(opts.broker)} (server-ids: ${ids})`, close: () => mqtt.close() };
}

/**
 * Who may move actuators, checked before anything starts. Over HTTP off loopback the actuator tools need a token
 * of their own (`requireActuatorToken`). Over MQTT they are served only through a broker on this machine: a
 * server cannot tell which broker user a request came from, and the broker's ACL lets any client initialize any
 * server, so behind a remote broker every client of it could move the home's actuators.
 */
async function requireActuatorAuthorisation(opts: ServeOptions): Promise<void> {
  const actuatorToken = secret(opts.actuatorToken);
  if (actuatorToken !== undefined && !opts.actuators) throw new Error('--actuator-token is for --actuators');
  if (actuatorToken !== undefined && opts.transport !== 'http') {
    throw new Error(`--actuator-token is for --transport http (${opts.transport} carries no bearer token)`);
  }
  if (!opts.actuators) return;
  if (opts.transport === 'http') {
    const { requireActuatorToken } = await import('../../bench/mcp/transports/http.js');
    requireActuatorToken(opts.listen ?? parseHostPort(DEFAULT_MCP_LISTEN), [{ actuates: true }], secret(opts.token), actuatorToken);
  }
  if (opts.transport === 'mqtt' && !isLoopbackUrl(opts.broker)) {
    throw new OpenToNetworkError(
      `refusing to serve the actuator tools through the MQTT broker ${redactUrl(opts.broker)}: it is not on this machine, and MCP over MQTT ` +
        "lets a server check no caller's right to move actuators (it cannot tell which broker user sent a request, and the broker lets any " +
        "client initialize any server), so every client of that broker could move the home's actuators. Serve them with --transport http " +
        'and --actuator-token, or through a broker on 127.0.0.1.',
    );
  }
}

/** With --actuators: the safety gate over the fleet's actuators, from the policy file or the default, and the audit log. */
async function openActuators(opts: ServeOptions, datapool: DatapoolClient): Promise<ActuatorSafety | undefined> {
  if (!opts.actuators || opts.auditLog === undefined) return undefined;
  const { openActuatorSafety } = await import('../../bench/mcp/actuator-safety.js');
  return openActuatorSafety({ datapool, auditLog: opts.auditLog, ...(opts.policy === undefined ? {} : { policyFile: opts.policy }), log: say });
}

/** The system `mcp serve` runs on: a running datapool over HTTP, or the embedded default (datapool and fleet in this process). */
type ServeSystem = ComposedSystem<InProcessDatapoolSpec, EmulatedFleetSpec> | ComposedSystem<RemoteDatapoolSpec>;

async function openDatapool(opts: ServeOptions): Promise<ServeSystem> {
  const { composeSystem } = await import('../../system/compose.js');
  if (opts.datapool !== undefined) {
    const token = secret(opts.datapoolToken) ?? secret(opts.token);
    return composeSystem({ datapool: { kind: 'remote', url: opts.datapool, ...(token !== undefined && { token }) } });
  }
  return composeSystem({
    datapool: {
      kind: 'in-process',
      // A host may launch us from any directory (even a read-only one), so records go to a temp dir by default.
      dataDir: opts.data ?? { temporary: 'iotmcp-mcp-' },
      devices: { host: '127.0.0.1', port: 0 },
      http: false,
    },
    fleet: {
      ...(opts.fleet !== undefined && { path: opts.fleet }),
      ...(opts.scenario !== undefined && { scenario: opts.scenario }),
      ...(opts.seed !== undefined && { seed: opts.seed }),
    },
  });
}

/** The datapool, for the start-up line: its URL, or the embedded one's fleet and records. */
function datapoolDescription(system: ServeSystem): string {
  if (system.fleet === null) return system.datapool.url;
  return `embedded, ${system.fleet.boards.length} emulated MCUs, records in ${system.dataDir}`;
}
