import { Agent, request as httpRequest } from 'node:http';
import { readBody } from '../core/net/http-body.js';
import { checkTokenFormat } from '../core/security/token-check.js';
import {
  type CommandRequest,
  type CommandStatus,
  type DatapoolClient,
  DatapoolError,
  type Health,
  type McuInfo,
  type PingOptions,
  type PingResult,
  RejectionCode,
  type WaitOptions,
} from './types.js';

/** The codes a server's error body may carry, kept as the server sent them. */
const ERROR_CODES: ReadonlySet<string> = new Set<string>(RejectionCode);

export interface HttpClientOptions {
  /** Reuse an agent; by default the client keeps its own keep-alive agent. */
  agent?: Agent;
  /** Sent on every request as `Authorization: Bearer <token>` (a datapool started with a token requires it). */
  token?: string;
}

/**
 * A remote datapool behind the same interface as the in-process one: rejections come back as
 * `DatapoolError` with the code the server used, and a datapool that is not there as `unavailable`.
 */
export class HttpDatapoolClient implements DatapoolClient {
  private readonly base: URL;
  private readonly agent: Agent;
  private readonly ownsAgent: boolean;
  private readonly authorization: { authorization: string } | null;

  constructor(baseUrl: string, options: HttpClientOptions = {}) {
    this.base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    if (options.token !== undefined) checkTokenFormat(options.token);
    this.authorization = options.token === undefined ? null : { authorization: `Bearer ${options.token}` };
    this.ownsAgent = options.agent === undefined;
    this.agent = options.agent ?? new Agent({ keepAlive: true, maxSockets: 64 });
  }

  submit(request: CommandRequest): Promise<CommandStatus> {
    return this.call('POST', 'commands', request);
  }

  wait(id: string, options: WaitOptions): Promise<CommandStatus> {
    return this.call('GET', `commands/${encodeURIComponent(id)}?${waitQuery(options)}`);
  }

  run(request: CommandRequest, options: WaitOptions): Promise<CommandStatus> {
    return this.call('POST', `commands?${waitQuery(options)}`, request);
  }

  status(id: string): Promise<CommandStatus> {
    return this.call('GET', `commands/${encodeURIComponent(id)}`);
  }

  cancel(id: string): Promise<CommandStatus> {
    return this.call('POST', `commands/${encodeURIComponent(id)}/cancel`);
  }

  mcus(): Promise<McuInfo[]> {
    return this.call('GET', 'mcus');
  }

  health(): Promise<Health> {
    return this.call('GET', 'health');
  }

  /** The datapool's instants (`sent`, `received`) are on its clock, not this process's. */
  ping(mcu: string, options: PingOptions): Promise<PingResult> {
    return this.call('POST', `mcus/${encodeURIComponent(mcu)}/ping?timeout=${encodeURIComponent(String(options.timeoutMs))}`);
  }

  /** Closes idle keep-alive connections (only if the agent is the client's own). */
  close(): void {
    if (this.ownsAgent) this.agent.destroy();
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
    return this.attempt<T>(method, url, payload, true);
  }

  private attempt<T>(method: string, url: URL, payload: Buffer | undefined, mayRetry: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            ...this.authorization,
            ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': payload.length }),
          },
        },
        (res) => {
          readBody(res).then((body) => {
            if (!body.ok) {
              reject(new DatapoolError('unavailable', `${method} ${url.href}: the answer was cut off`));
              return;
            }
            const text = body.text;
            let parsed: unknown;
            try {
              parsed = text === '' ? undefined : JSON.parse(text);
            } catch {
              reject(new DatapoolError('unavailable', `${method} ${url.href}: HTTP ${res.statusCode} with a body that is not JSON`));
              return;
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(parsed as T);
            else if (status === 401) reject(toError(parsed, status, `${method} ${url.pathname}`, `${this.base.href} refused the request: `));
            else reject(toError(parsed, status, `${method} ${url.pathname}`));
          }, reject);
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the server closed while idle: the request never reached it, so send it again.
        if (mayRetry && req.reusedSocket && error.code === 'ECONNRESET') {
          this.attempt<T>(method, url, payload, false).then(resolve, reject);
          return;
        }
        const where = this.base.href;
        reject(
          error.code === 'ECONNREFUSED'
            ? new DatapoolError('unavailable', `no datapool at ${where}`)
            : new DatapoolError('unavailable', `datapool at ${where} unreachable: ${error.code ?? error.message}`),
        );
      });
      req.end(payload);
    });
  }
}

function waitQuery(options: WaitOptions): string {
  const query = new URLSearchParams({ wait: String(options.timeoutMs) });
  if (options.until !== undefined) query.set('until', options.until);
  return query.toString();
}

/** Turns an error body back into the DatapoolError the server threw. */
function toError(body: unknown, status: number, what: string, prefix = ''): DatapoolError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && ERROR_CODES.has(code)) {
      return new DatapoolError(code as DatapoolError['code'], typeof message === 'string' ? message : code);
    }
    if (typeof message === 'string') return new DatapoolError(status === 404 ? 'not-found' : 'unavailable', prefix + message);
  }
  return new DatapoolError(status === 404 ? 'not-found' : 'unavailable', `${prefix}${what}: HTTP ${status}`);
}
