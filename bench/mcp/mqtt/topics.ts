/**
 * The topics of MCP over MQTT (mqtt-ai/mcp-over-mqtt, revision 2025-08-05) and the rules for the names in
 * them. Every topic starts with `$`, so a bare `#` or `+` filter never matches one: each side subscribes to
 * the exact topics it needs, built here.
 */

/** User property names the protocol puts on CONNECT and on every PUBLISH. */
export const COMPONENT_TYPE_PROPERTY = 'MCP-COMPONENT-TYPE';
export const META_PROPERTY = 'MCP-META';
export const CLIENT_ID_PROPERTY = 'MCP-MQTT-CLIENT-ID';

export type ComponentType = 'mcp-client' | 'mcp-server';

/** Methods the transport itself sends or reacts to (they never reach the SDK as requests). */
export const SERVER_ONLINE_METHOD = 'notifications/server/online';
export const DISCONNECTED_METHOD = 'notifications/disconnected';
export const INITIALIZE_METHOD = 'initialize';

/** `{"jsonrpc":"2.0","method":"notifications/disconnected"}`: a session's end, and a client's will. */
export const DISCONNECTED_PAYLOAD = JSON.stringify({ jsonrpc: '2.0', method: DISCONNECTED_METHOD });

/** The problem with a server-name, or null when it is valid. */
export function serverNameProblem(name: string): string | null {
  if (typeof name !== 'string' || name === '') return 'server-name must be a non-empty string';
  if (!name.includes('/')) return `server-name "${name}" must contain a "/" (e.g. "iotmcp/sensors/dht11")`;
  if (name.startsWith('/')) return `server-name "${name}" must not start with "/"`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: MQTT forbids NUL in a topic name
  if (/[+#\u0000]/.test(name)) return `server-name "${name}" must not contain "+", "#" or NUL`;
  return null;
}

/**
 * Server-ids that would make a control topic (`$mcp-server/{server-id}/...`) read as another server's presence
 * or capability topic: the server "presence" with the name "a/b" would take initialize requests on the
 * presence topic of server "a".
 */
const RESERVED_SERVER_IDS = new Set(['presence', 'capability']);

/** The problem with a server-id or an MCP client id (both are MQTT client ids and one topic level), or null. */
export function idProblem(kind: 'server-id' | 'client-id', id: string): string | null {
  if (typeof id !== 'string' || id === '') return `${kind} must be a non-empty string`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: MQTT forbids NUL in a topic level
  if (/[/+#\u0000]/.test(id)) return `${kind} "${id}" must not contain "/", "+", "#" or NUL`;
  if (kind === 'server-id' && RESERVED_SERVER_IDS.has(id)) return `server-id "${id}" is a level of the protocol's own topics: choose another`;
  return null;
}

/** A filter over server-names: a name, or one ending in `/#` or holding `+` levels (for discovery). */
export function serverNameFilterProblem(filter: string): string | null {
  if (typeof filter !== 'string' || filter === '') return 'server-name filter must be a non-empty string';
  if (filter.startsWith('/')) return `server-name filter "${filter}" must not start with "/"`;
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level === '#' && index !== levels.length - 1) return `"#" must be the last level of "${filter}"`;
    if (level !== '#' && level !== '+' && /[+#]/.test(level)) return `"+" and "#" must fill a whole level of "${filter}"`;
  }
  return null;
}

/** Throws with the problem's text; for names given in code (a mistake there is a bug, not input). */
export function assertValid(problem: string | null): void {
  if (problem !== null) throw new Error(problem);
}

/** client -> server: where `initialize` goes. */
export function controlTopic(serverId: string, serverName: string): string {
  return `$mcp-server/${serverId}/${serverName}`;
}

/** server -> clients: the server's list_changed / resource notifications. */
export function serverCapabilityTopic(serverId: string, serverName: string): string {
  return `$mcp-server/capability/${serverId}/${serverName}`;
}

/** server -> clients, retained: `notifications/server/online`, or empty when the server is gone. */
export function serverPresenceTopic(serverId: string, serverName: string): string {
  return `$mcp-server/presence/${serverId}/${serverName}`;
}

/** The discovery filter: every instance's presence for the server-names matching `nameFilter`. */
export function serverPresenceFilter(nameFilter: string): string {
  return `$mcp-server/presence/+/${nameFilter}`;
}

/** client -> servers: the client's `notifications/disconnected` (its will). */
export function clientPresenceTopic(clientId: string): string {
  return `$mcp-client/presence/${clientId}`;
}

/** client -> servers: `notifications/roots/list_changed`. */
export function clientCapabilityTopic(clientId: string): string {
  return `$mcp-client/capability/${clientId}`;
}

/** Both ways: every message of one client's session with one server instance after `initialize`. */
export function rpcTopic(clientId: string, serverId: string, serverName: string): string {
  return `$mcp-rpc/${clientId}/${serverId}/${serverName}`;
}

const PRESENCE_PREFIX = '$mcp-server/presence/';

/** Splits a presence topic into its server-id and server-name; null when it is not one. */
export function parseServerPresenceTopic(topic: string): { serverId: string; serverName: string } | null {
  if (!topic.startsWith(PRESENCE_PREFIX)) return null;
  const rest = topic.slice(PRESENCE_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  const serverId = rest.slice(0, slash);
  const serverName = rest.slice(slash + 1);
  if (idProblem('server-id', serverId) !== null || serverNameProblem(serverName) !== null) return null;
  return { serverId, serverName };
}
