import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { HostPort } from '../../../cli/options.js';
import { checkBearer } from '../../../cli/security/bearer-gate.js';
import { isLoopbackHost } from '../../../cli/security/loopback.js';
import { requireHttpToken } from '../../../cli/security/off-loopback.js';
import { TokenCheck } from '../../../cli/security/token-check.js';
import type { ServerEntry } from '../contracts.js';

/**
 * MCP over Streamable HTTP, one path per server (`/mcp/dht11`, `/mcp/all`, `/mcp/fleet`). Sessions are
 * stateful: each `initialize` gets its own transport and its own server instance, keyed by the
 * `mcp-session-id` the SDK hands out, and both go away on DELETE, on close, or after sitting idle.
 */

export const DEFAULT_MCP_HTTP: HostPort = { host: '127.0.0.1', port: 8100 };

export interface McpHttpOptions {
  servers: readonly ServerEntry[];
  /** Default 127.0.0.1:8100; port 0 picks a free one. */
  listen?: HostPort;
  /** Largest request body accepted, bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** Open sessions at most (default 256); past it `initialize` gets 503. */
  maxSessions?: number;
  /** A session nobody used for this long is closed, ms (default 30 min). */
  sessionIdleMs?: number;
  log?: (line: string) => void;
  /**
   * Every request must carry `Authorization: Bearer <token>`, or gets 401. Required when listening off
   * loopback (the server refuses to start without one); checked on loopback too when given.
   */
  token?: string;
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
  path: string;
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  idle: NodeJS.Timeout;
}

const MCP_PATH_PREFIX = '/mcp/';

/** `iotmcp/sensors/hc-sr04` -> `/mcp/hc-sr04`, `iotmcp/all` -> `/mcp/all`: the last segment of the name. */
export function httpPathOf(serverName: string): string {
  const segment = serverName.split('/').filter(Boolean).pop() ?? serverName;
  return MCP_PATH_PREFIX + encodeURIComponent(segment);
}

export async function serveMcpOverHttp(options: McpHttpOptions): Promise<McpHttpServer> {
  const listen = options.listen ?? DEFAULT_MCP_HTTP;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const maxSessions = options.maxSessions ?? 256;
  const sessionIdleMs = options.sessionIdleMs ?? 30 * 60_000;
  const log = options.log ?? (() => {});
  requireHttpToken('the MCP HTTP server', listen, options.token);
  const tokenCheck = options.token === undefined ? null : new TokenCheck(options.token);

  const entries = new Map<string, ServerEntry>();
  for (const entry of options.servers) {
    const path = httpPathOf(entry.name);
    if (entries.has(path)) throw new Error(`two servers map to ${path}: ${entries.get(path)!.name} and ${entry.name}`);
    entries.set(path, entry);
  }
  const sessions = new Map<string, Session>();
  let allowedHosts: Set<string> | null = null;
  let closing = false;

  const closeSession = (id: string): void => {
    const session = sessions.get(id);
    if (session === undefined) return;
    sessions.delete(id);
    clearTimeout(session.idle);
    // Closing the server closes its transport, which ends any open SSE stream of the session.
    session.server.close().catch((error: unknown) => log(`mcp http: closing session ${id}: ${errorText(error)}`));
  };

  const startSession = async (path: string, entry: ServerEntry, req: IncomingMessage, res: ServerResponse, body: unknown) => {
    if (sessions.size >= maxSessions) {
      return sendRpcError(res, 503, -32000, `too many open sessions (${maxSessions}); close one (DELETE) and retry`);
    }
    const server = entry.factory();
    let sessionId: string | undefined;
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessionId = id;
        const idle = setTimeout(() => closeSession(id), sessionIdleMs);
        idle.unref();
        sessions.set(id, { path, transport, server, idle });
      },
    });
    // Set before connect: the SDK chains its own close handling after this one.
    transport.onclose = () => {
      if (sessionId !== undefined) closeSession(sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    // An initialize the SDK refused never got a session: nothing else will ever close this pair.
    if (sessionId === undefined) await server.close();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = checkBearer(tokenCheck, req, 'the MCP HTTP server');
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
        servers: [...entries].map(([path, entry]) => ({ name: entry.name, path, description: entry.description })),
      });
    }
    const entry = entries.get(pathname);
    if (entry === undefined) {
      return sendJson(res, 404, { error: `no MCP server at ${pathname}; GET / lists the paths (e.g. ${entries.keys().next().value ?? '/mcp/all'})` });
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
        return startSession(pathname, entry, req, res, body);
      }
      return sendRpcError(res, 400, -32000, 'bad request: no mcp-session-id header (start with an initialize request)');
    }
    const session = sessions.get(sessionId);
    if (session === undefined || session.path !== pathname) {
      return sendRpcError(res, 404, -32001, `session not found at ${pathname}; start a new one with initialize`);
    }
    session.idle.refresh();
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
  const base = `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;

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

type BodyResult = { ok: true; text: string } | { ok: false; reason: 'too-large' | 'aborted' };

function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult): void => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish({ ok: false, reason: 'too-large' });
        // Keep draining so the answer can still be read by the client; the connection closes after it.
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ ok: false, reason: 'aborted' }));
    req.on('close', () => finish({ ok: false, reason: 'aborted' }));
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendRpcError(res: ServerResponse, status: number, code: number, message: string, closeConnection = false): void {
  if (res.headersSent) return;
  if (closeConnection) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
