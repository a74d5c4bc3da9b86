import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { formatHostPort, type HostPort, httpUrl } from '../../../core/net/host-port.js';
import { readBody, sendJson } from '../../../core/net/http-body.js';
import { checkBearer } from '../../../core/security/bearer-gate.js';
import { isLoopbackHost } from '../../../core/security/loopback.js';
import { OpenToNetworkError, requireHttpToken } from '../../../core/security/off-loopback.js';
import { ACTUATOR_TOKEN, TOKEN } from '../../../core/security/secret-sources.js';
import { TokenCheck } from '../../../core/security/token-check.js';
import type { ServerEntry } from '../contracts.js';

/**
 * MCP over Streamable HTTP, one path per server (`/mcp/dht11`, `/mcp/all`, `/mcp/fleet`). Sessions are
 * stateful: each `initialize` gets its own transport and its own server instance, keyed by the
 * `mcp-session-id` the SDK hands out, and both go away on DELETE, on close, after sitting idle, or when a
 * new session needs the room (see `maxSessionsPerClient`).
 *
 * Two roles: `token` lets a caller read (every server but those that move actuators), `actuatorToken` lets it
 * also move actuators (the servers whose entry `actuates`). A caller with the read token alone is answered 403
 * on an actuator path, every request of it (a session id it learnt elsewhere included), and is not shown those
 * paths in the listing. Without an actuator token the read token reaches everything, as on loopback it may;
 * off loopback the listener refuses to start with servers that actuate and no actuator token.
 */

export const DEFAULT_MCP_HTTP: HostPort = { host: '127.0.0.1', port: 8100 };

export interface McpHttpOptions {
  servers: readonly ServerEntry[];
  /** Default 127.0.0.1:8100; port 0 picks a free one. */
  listen?: HostPort;
  /** Largest request body accepted, bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Open sessions at most, all clients together (default 64). An `initialize` past it closes the oldest
   * session, of any address, that never got past `initialize`; only when there is none, the least recently
   * used idle session of the addresses holding the most, so one address cannot crowd out the others.
   */
  maxSessions?: number;
  /**
   * Open sessions at most per client address (default 32). An `initialize` past it closes that address's
   * least recently used idle session, those that never got past `initialize` first; it gets 503 only while
   * every one of them is answering a request.
   */
  maxSessionsPerClient?: number;
  /** A session without a request for this long is closed, ms (default 30 min); one still answering is kept. */
  sessionIdleMs?: number;
  /**
   * A session with no request after its `initialize` is closed after this long, ms (default 30 s): a real
   * client follows up at once, so what a flood of bare `initialize`s leaves behind does not wait for `sessionIdleMs`.
   */
  unconfirmedSessionMs?: number;
  log?: (line: string) => void;
  /**
   * Every request must carry `Authorization: Bearer <token>`, or gets 401. Required when listening off
   * loopback (the server refuses to start without one); checked on loopback too when given.
   */
  token?: string;
  /**
   * A second bearer token, the only one that reaches the servers that move actuators (`ServerEntry.actuates`);
   * it reaches every other server too. Required when such servers listen off loopback; must differ from `token`.
   */
  actuatorToken?: string;
}

export interface McpHttpServer {
  /** Where it listens (the real port when 0 was asked for). */
  address(): HostPort;
  /** `http://127.0.0.1:8100/mcp/dht11` for a path. */
  url(path?: string): string;
  /** The MCP paths served, e.g. `/mcp/dht11`. */
  readonly paths: readonly string[];
  sessionCount(): number;
  close(): Promise<void>;
}

interface Session {
  id: string;
  path: string;
  /** The remote address it was opened from: caps are per client. */
  client: string;
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  idle: NodeJS.Timeout;
  /** POSTs of this session still being answered: a busy session is never evicted. */
  busy: number;
  /** A request came after `initialize`, as every real client sends at once: evicted only after those without one. */
  used: boolean;
  /** performance.now() of its latest request. */
  lastUsed: number;
}

export const DEFAULT_MAX_SESSIONS = 64;
export const DEFAULT_MAX_SESSIONS_PER_CLIENT = 32;
export const DEFAULT_SESSION_IDLE_MS = 30 * 60_000;
export const DEFAULT_UNCONFIRMED_SESSION_MS = 30_000;
/** The longest delay a Node timer takes; a longer one fires after 1 ms instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const MCP_PATH_PREFIX = '/mcp/';

/** `iotmcp/sensors/hc-sr04` -> `/mcp/hc-sr04`, `iotmcp/all` -> `/mcp/all`: the last segment of the name. */
export function httpPathOf(serverName: string): string {
  const segment = serverName.split('/').filter(Boolean).pop() ?? serverName;
  return MCP_PATH_PREFIX + encodeURIComponent(segment);
}

export async function serveMcpOverHttp(options: McpHttpOptions): Promise<McpHttpServer> {
  const listen = options.listen ?? DEFAULT_MCP_HTTP;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const maxPerClient = Math.min(options.maxSessionsPerClient ?? DEFAULT_MAX_SESSIONS_PER_CLIENT, maxSessions);
  const sessionIdleMs = Math.min(options.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS, MAX_TIMER_MS);
  const unconfirmedMs = Math.min(options.unconfirmedSessionMs ?? DEFAULT_UNCONFIRMED_SESSION_MS, sessionIdleMs);
  if (!(maxPerClient >= 1)) throw new Error('maxSessions and maxSessionsPerClient must be at least 1');
  const log = options.log ?? (() => {});
  requireHttpToken('the MCP HTTP server', listen, options.token);
  requireActuatorToken(listen, options.servers, options.token, options.actuatorToken);
  const tokenCheck = options.token === undefined ? null : new TokenCheck(options.token);
  const actuatorCheck = options.actuatorToken === undefined ? null : new TokenCheck(options.actuatorToken, 'actuator token');
  /** Whether the request may reach servers that move actuators: it shows the actuator token, or there is none to show. */
  const mayActuate = (req: IncomingMessage): boolean => actuatorCheck === null || actuatorCheck.matchesBearer(req.headers.authorization);

  const entries = new Map<string, ServerEntry>();
  for (const entry of options.servers) {
    const path = httpPathOf(entry.name);
    if (entries.has(path)) throw new Error(`two servers map to ${path}: ${entries.get(path)!.name} and ${entry.name}`);
    entries.set(path, entry);
  }
  const sessions = new Map<string, Session>();
  // Each client's sessions, least recently used first (a Map keeps insertion order; a touch re-inserts).
  const byClient = new Map<string, Map<string, Session>>();
  let allowedHosts: Set<string> | null = null;
  let closing = false;
  let evictions = 0;
  let evictionsLogged = 0;
  let lastEvictionLog = -Infinity;

  const closeSession = (id: string): void => {
    const session = sessions.get(id);
    if (session === undefined) return;
    sessions.delete(id);
    const own = byClient.get(session.client);
    own?.delete(id);
    if (own?.size === 0) byClient.delete(session.client);
    clearTimeout(session.idle);
    // Closing the server closes its transport, which ends any open SSE stream of the session.
    session.server.close().catch((error: unknown) => log(`mcp http: closing session ${id}: ${errorText(error)}`));
  };

  const idleTimer = (id: string, ms: number): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      if ((sessions.get(id)?.busy ?? 0) > 0) timer.refresh();
      else closeSession(id);
    }, ms);
    timer.unref();
    return timer;
  };

  const touch = (session: Session): void => {
    const own = byClient.get(session.client)!;
    own.delete(session.id);
    own.set(session.id, session);
    session.lastUsed = performance.now();
    session.idle.refresh();
  };

  /** Marks a POST in progress until its response is done (an SSE answer outlives `handleRequest`). */
  const busyUntilAnswered = (session: Session, res: ServerResponse): void => {
    session.busy++;
    res.once('close', () => {
      session.busy--;
      if (sessions.get(session.id) === session) session.idle.refresh();
    });
  };

  const evict = (session: Session, why: string): void => {
    closeSession(session.id);
    evictions++;
    // A flood evicts on every request: one line a minute says it is happening without flooding the log too.
    const now = performance.now();
    if (now - lastEvictionLog >= 60_000) {
      log(`mcp http: closed ${evictions - evictionsLogged} least recently used idle session(s) to make room (${why}); at most one such line a minute`);
      lastEvictionLog = now;
      evictionsLogged = evictions;
    }
  };

  /** The least recently used idle session, preferring one whose client never came back after `initialize`. */
  const idleVictim = (own: Map<string, Session>): Session | undefined => {
    let idle: Session | undefined;
    for (const session of own.values()) {
      if (session.busy > 0) continue;
      if (!session.used) return session;
      idle ??= session;
    }
    return idle;
  };

  /** Frees a place for one more session of `client`; false when only busy sessions stand in the way. */
  const makeRoom = (client: string): boolean => {
    const own = byClient.get(client);
    if (own !== undefined && own.size >= maxPerClient) {
      const victim = idleVictim(own);
      if (victim === undefined) return false;
      evict(victim, `${client} held ${maxPerClient} sessions, the most per client`);
    }
    if (sessions.size >= maxSessions) {
      const victim = globalVictim();
      if (victim === undefined) return false;
      evict(victim, `all clients held ${maxSessions} sessions, the most in all; closed one of ${victim.client}`);
    }
    return true;
  };

  /**
   * Whom the overall cap closes. Sessions that never went past `initialize` cost nothing to send from many
   * addresses, so they go first wherever they come from: otherwise a client in real use, holding more than
   * any single one of those addresses, would be the one to go.
   */
  const globalVictim = (): Session | undefined => {
    // `sessions` keeps the order they were opened in.
    for (const session of sessions.values()) if (!session.used && session.busy === 0) return session;
    let victim: Session | undefined;
    let victimHeld = 0;
    for (const own of byClient.values()) {
      if (own.size < victimHeld) continue;
      const idle = idleVictim(own);
      if (idle === undefined) continue;
      if (own.size > victimHeld || idle.lastUsed < victim!.lastUsed) {
        victim = idle;
        victimHeld = own.size;
      }
    }
    return victim;
  };

  const startSession = async (path: string, entry: ServerEntry, client: string, req: IncomingMessage, res: ServerResponse, body: unknown) => {
    if (!makeRoom(client)) {
      return sendRpcError(res, 503, -32000, `too many open sessions, all busy (${maxPerClient} per client, ${maxSessions} in all); retry when one ends`);
    }
    const id = randomUUID();
    const server = entry.factory();
    let initialized = false;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => id,
      onsessioninitialized: () => {
        initialized = true;
      },
    });
    // Counted from now, not from when the SDK accepts it: concurrent `initialize`s must not overshoot the caps.
    const session: Session = {
      id,
      path,
      client,
      transport,
      server,
      busy: 0,
      used: false,
      lastUsed: performance.now(),
      idle: idleTimer(id, unconfirmedMs),
    };
    sessions.set(id, session);
    let own = byClient.get(client);
    if (own === undefined) {
      own = new Map();
      byClient.set(client, own);
    }
    own.set(id, session);
    busyUntilAnswered(session, res);
    // Set before connect: the SDK chains its own close handling after this one.
    transport.onclose = () => closeSession(id);
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, body);
    } finally {
      // An initialize the SDK refused never got a session: nothing else will ever close this pair.
      if (!initialized) closeSession(id);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const actuates = mayActuate(req);
    // The actuator token reaches every server: its holder need not hold the read token as well.
    const refusal = actuatorCheck !== null && actuates ? null : checkBearer(tokenCheck, req, 'the MCP HTTP server');
    if (refusal !== null) {
      // Nothing is read from a caller without the token, not even the body: answer and hang up.
      res.setHeader('www-authenticate', refusal.challenge);
      return sendRpcError(res, 401, -32000, `unauthorized: ${refusal.message}`, true);
    }
    if (allowedHosts !== null && !allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      // A page in a browser must not reach a local MCP server through DNS rebinding.
      return sendJson(res, 403, { error: `host "${req.headers.host ?? ''}" not allowed` });
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '') || '/';
    } catch {
      return sendJson(res, 400, { error: 'malformed URL' });
    }
    if (pathname === '/' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, {
        servers: [...entries]
          .filter(([, entry]) => actuates || entry.actuates !== true)
          .map(([path, entry]) => ({ name: entry.name, path, description: entry.description })),
      });
    }
    const entry = entries.get(pathname);
    if (entry === undefined) {
      return sendJson(res, 404, { error: `no MCP server at ${pathname}; GET / lists the paths (e.g. ${entries.keys().next().value ?? '/mcp/all'})` });
    }
    if (entry.actuates === true && !actuates) {
      // Nothing is read from a caller who may not move actuators: a reader is told it lacks the right (403), anyone else who to be (401).
      const reader = tokenCheck?.matchesBearer(req.headers.authorization) === true;
      const realm = 'Bearer realm="the MCP HTTP server (actuators)"';
      const how = `send the actuator token as "Authorization: Bearer <actuator token>" (iotmcp-bench: ${ACTUATOR_TOKEN.flag} or ${ACTUATOR_TOKEN.env})`;
      if (reader) {
        res.setHeader('www-authenticate', `${realm}, error="insufficient_scope"`);
        return sendRpcError(res, 403, -32000, `forbidden: ${pathname} moves actuators, which the read token does not allow; ${how}`, true);
      }
      res.setHeader('www-authenticate', req.headers.authorization === undefined ? realm : `${realm}, error="invalid_token"`);
      return sendRpcError(res, 401, -32000, `unauthorized: ${pathname} moves actuators; ${how}`, true);
    }
    if (req.method !== 'POST' && req.method !== 'GET' && req.method !== 'DELETE') {
      res.setHeader('allow', 'POST, GET, DELETE');
      return sendRpcError(res, 405, -32000, `method ${req.method ?? '?'} not allowed`);
    }

    let body: unknown;
    if (req.method === 'POST') {
      const read = await readBody(req, maxBodyBytes);
      if (!read.ok) {
        if (read.reason === 'too-large') sendRpcError(res, 413, -32600, `request body over ${maxBodyBytes} bytes`, true);
        return;
      }
      try {
        body = JSON.parse(read.text);
      } catch {
        return sendRpcError(res, 400, -32700, 'parse error: the body is not JSON');
      }
    }

    const sessionHeader = req.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (sessionId === undefined) {
      if (req.method === 'POST' && isInitializeRequest(body)) {
        if (closing) return sendRpcError(res, 503, -32000, 'the server is shutting down');
        return startSession(pathname, entry, clientOf(req), req, res, body);
      }
      return sendRpcError(res, 400, -32000, 'bad request: no mcp-session-id header (start with an initialize request)');
    }
    const session = sessions.get(sessionId);
    if (session === undefined || session.path !== pathname) {
      return sendRpcError(res, 404, -32001, `session not found at ${pathname}; start a new one with initialize`);
    }
    if (!session.used) {
      session.used = true;
      clearTimeout(session.idle);
      session.idle = idleTimer(session.id, sessionIdleMs);
    }
    touch(session);
    if (req.method === 'POST') busyUntilAnswered(session, res);
    await session.transport.handleRequest(req, res, body);
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log(`mcp http: ${req.method ?? '?'} ${req.url ?? '?'}: ${errorText(error)}`);
      if (!res.headersSent) sendRpcError(res, 500, -32603, 'internal error');
      else res.destroy();
    });
  });
  // Malformed HTTP never reaches the handler; answer it and drop the socket.
  http.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(listen.port, listen.host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const bound = http.address() as AddressInfo;
  const address: HostPort = { host: bound.address, port: bound.port };
  if (isLoopbackHost(address.host)) {
    allowedHosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((host) => `${host}:${address.port}`));
  }
  const base = httpUrl(address);

  return {
    address: () => address,
    url: (path = '') => base + path,
    paths: [...entries.keys()],
    sessionCount: () => sessions.size,
    async close() {
      closing = true;
      for (const id of [...sessions.keys()]) closeSession(id);
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}

/**
 * Servers that move actuators off loopback need an actuator token of their own, distinct from the read token:
 * whoever may read the sensors must not thereby be able to open the main valve. Throws `OpenToNetworkError`
 * (or a plain Error for two equal tokens) before anything listens.
 */
export function requireActuatorToken(
  listen: HostPort,
  servers: readonly Pick<ServerEntry, 'actuates'>[],
  token: string | undefined,
  actuatorToken: string | undefined,
): void {
  if (actuatorToken !== undefined && actuatorToken === token) {
    throw new Error(`the actuator token (${ACTUATOR_TOKEN.flag}) must differ from the read token (${TOKEN.flag}): otherwise every reader may move actuators`);
  }
  if (actuatorToken !== undefined || isLoopbackHost(listen.host) || !servers.some((entry) => entry.actuates === true)) return;
  throw new OpenToNetworkError(
    `refusing to serve the actuator tools on ${formatHostPort(listen)} without an actuator token: anyone holding the read token could move ` +
      `the home's actuators. Set one with ${ACTUATOR_TOKEN.flag} <secret> or the ${ACTUATOR_TOKEN.env} environment variable (different from ` +
      `${TOKEN.flag}; callers that may move actuators send it as "Authorization: Bearer <secret>"), or listen on 127.0.0.1.`,
  );
}

/** The caller's address, one spelling for IPv4 whether the socket is IPv4 or dual-stack. */
function clientOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function sendRpcError(res: ServerResponse, status: number, code: number, message: string, closeConnection = false): void {
  if (res.headersSent) return;
  sendJson(res, status, { jsonrpc: '2.0', error: { code, message }, id: null }, closeConnection ? { connection: 'close' } : {});
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
