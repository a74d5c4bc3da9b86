import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../../../core/log.js';
import type { ServerEntry } from '../contracts.js';
import { MqttServerHost, type MqttServerHostOptions } from './server-host.js';
import { assertValid, idProblem } from './topics.js';

/** Offers many MCP servers on one broker, each as its own instance (own connection, own server-id). */

export interface ServeOverMqttOptions {
  brokerUrl: string;
  servers: ServerEntry[];
  log?: Logger;
  /** First part of every server-id; this machine's host name (or `iotmcp`) when absent. */
  idPrefix?: string;
  /**
   * The server-ids to use, one per entry of `servers` in the same order, instead of generated ones: ids
   * fixed in advance are what clients can list as the only ones they accept, and what a broker ACL can tie
   * to credentials.
   */
  serverIds?: readonly string[];
  /** Passed to every host (timeouts, credentials, QoS...). */
  host?: Omit<MqttServerHostOptions, 'brokerUrl' | 'serverName' | 'serverId' | 'description' | 'factory' | 'log'>;
}

export interface MqttServing {
  /** The running hosts, in the order of `servers`. */
  readonly hosts: readonly MqttServerHost[];
  /** Stops every host cleanly (sessions told, presences cleared). */
  close(): Promise<void>;
}

/** Resolves once every server is online (retained presence published); on any failure, stops the others and throws. */
export async function serveOverMqtt(options: ServeOverMqttOptions): Promise<MqttServing> {
  const ids = options.serverIds === undefined ? serverIds(options.servers, options.idPrefix) : checkedServerIds(options.servers, options.serverIds);
  const hosts = options.servers.map(
    (entry, index) =>
      new MqttServerHost({
        ...options.host,
        brokerUrl: options.brokerUrl,
        serverName: entry.name,
        serverId: ids[index]!,
        description: entry.description,
        factory: entry.factory,
        ...(options.log !== undefined && { log: options.log }),
      }),
  );
  const close = async (): Promise<void> => {
    await Promise.all(hosts.map((host) => host.close()));
  };
  const started = await Promise.allSettled(hosts.map((host) => host.start()));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) {
    await close();
    throw failed.reason;
  }
  return { hosts, close };
}

/** `<host>-<6 hex>-<last level of the name>`: unique per process and still readable in a broker's client list. */
export function serverIds(servers: readonly ServerEntry[], prefix?: string): string[] {
  const base = `${idSafe(prefix ?? hostname()) || 'iotmcp'}-${randomBytes(3).toString('hex')}`;
  const used = new Set<string>();
  return servers.map((entry) => {
    const key = idSafe(entry.name.slice(entry.name.lastIndexOf('/') + 1)) || 'server';
    let id = `${base}-${key}`;
    for (let n = 2; used.has(id); n++) id = `${base}-${key}-${n}`;
    used.add(id);
    return id;
  });
}

function checkedServerIds(servers: readonly ServerEntry[], ids: readonly string[]): string[] {
  if (ids.length !== servers.length) {
    throw new Error(
      `${ids.length} server-id(s) given for ${servers.length} MCP server(s): give one per server, in this order: ${servers.map((s) => s.name).join(', ')}`,
    );
  }
  for (const id of ids) assertValid(idProblem('server-id', id));
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw new Error(`server-id "${repeated}" given twice: every server instance needs its own`);
  return [...ids];
}

function idSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
}
