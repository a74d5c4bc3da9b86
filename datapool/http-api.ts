import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Logger, RateLimitedLogger, stderrLogger } from '../core/log.js';
import { readBody, sendJson } from '../core/net/http-body.js';
import { checkBearer } from '../core/security/bearer-gate.js';
import { requireHttpToken } from '../core/security/off-loopback.js';
import { TokenCheck } from '../core/security/token-check.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../core/wire/messages.js';
import type { CommandEvent } from './datapool.js';
import { DEFAULT_PING_TIMEOUT_MS } from './pings.js';
import { parseLocalTime, Scheduler, type ScheduleStatus } from './schedule.js';
import { type CommandRequest, type CommandStatus, type DatapoolClient, DatapoolError, type McuInfo, type SampleRecord, type WaitOptions } from './types.js';
import { normalizeRequest } from './validate.js';

/** A datapool the API can serve; `watch` (in-process only) enables Server-Sent Events. */
export type ServedDatapool = DatapoolClient & {
  watch?(id: string, listener: (event: CommandEvent) => void): { status: CommandStatus; stop: () => void };
};

export interface HttpApiOptions {
  /** 127.0.0.1 unless told otherwise. */
  host?: string | undefined;
  /** 8000 as in the original; 0 picks a free port. */
  port?: number | undefined;
  /** Largest request body, bytes. Default 1 MiB. */
  bodyLimitBytes?: number | undefined;
  /** Longest `?wait=` honoured, ms. Default 10 minutes. */
  maxWaitMs?: number | undefined;
  /** How far an event stream's client may fall behind, bytes; one further behind is dropped. Default 1 MiB. */
  maxUnreadBytes?: number | undefined;
  /**
   * How long an answer may take to leave the process once written, whatever its size, ms; so may the rest of an
   * event stream once its command ended. The connection is dropped past it. Default 60 s.
   */
  unreadTimeoutMs?: number | undefined;
  /**
   * Output written but not yet sent, bytes, all responses together. Past it the connection holding the most is
   * dropped at once, so clients that do not read cannot fill memory before their deadline. Default 64 MiB.
   */
  maxUnsentBytes?: number | undefined;
  /** Open connections at most; more are closed as they are accepted. Default 1024. */
  maxConnections?: number | undefined;
  log?: Logger | undefined;
  /**
   * Every request must carry `Authorization: Bearer <token>`, or gets 401. Required when `host` is not
   * loopback (the API refuses to start without one); checked on loopback too when given.
   */
  token?: string | undefined;
}

export const DEFAULT_HTTP_PORT = 8000;
const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULT_MAX_WAIT_MS = 10 * 60_000;
export const DEFAULT_MAX_UNREAD_BYTES = 1024 * 1024;
const DEFAULT_UNREAD_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_UNSENT_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_CONNECTIONS = 1024;
/** The original connection server's refusal, kept word for word for its clients. */
const ORIGINAL_REFUSAL = 'Invalid command format or sensor unavailable';

/** Availability of one sensor type across the fleet. */
export interface SensorAvailability {
  sensor: string;
  /** MCUs that have it, lowest id first. */
  mcus: string[];
  /** At least one of them is online. */
  online: boolean;
}

/** A response whose output is all written, or decided, and whose deadline runs. */
interface Unsent {
  /** performance.now() when it was. */
  since: number;
  /** What it answers, for the log. */
  what: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the API did about clients that read too slowly, for operators and tests. */
export interface SlowReaderStats {
  /** Connections dropped for leaving output unread (too far behind, past the deadline or the budget), since start. */
  dropped: number;
  /** Connections closed as they were accepted, the API holding `maxConnections` already, since start. */
  refusedConnections: number;
  /** Connections open now. */
  openConnections: number;
  /** Event streams open now. */
  eventStreams: number;
  /**
   * The most text any event stream's response held unsent after a sample, bytes: at most the socket's
   * high-water mark (16 KiB) plus one event, however far behind its client is. (The end event, which carries
   * the whole status, is written once as it is.)
   */
  peakStreamBufferedBytes: number;
}

/**
 * The datapool over HTTP/JSON:
 *
 * - `POST /commands` (body: CommandRequest; `?wait=<ms>[&until=window]` also waits) -> CommandStatus
 * - `GET /commands/:id` (`?wait=<ms>[&until=...]` long-polls) -> CommandStatus
 * - `GET /commands/:id/events` -> Server-Sent Events: `sample` per stored sample, then `end`
 * - `POST /commands/:id/cancel` -> CommandStatus
 * - `GET /mcus`, `GET /sensors`, `GET /health`
 * - `POST /mcus/:id/ping` (`?timeout=<ms>`, default 5 s) -> PingResult: the idle round trip to one board
 * - `POST /send_cmd` -> the original's `{"status":"accept","id"}`, or 400 `{"detail": ...}`; also its
 *   schedule body `{"start","end","interval","request"}`, whose id `GET /schedules/:id` answers
 *
 * Errors are `{"error":{"code","message"}}` with 400 (bad request), 404 (no such command or route),
 * 409 (no device for it), 413 (body too large), 503 (queue full, unavailable); 401 `unauthorized` when the
 * API has a token and the request does not carry it as `Authorization: Bearer <token>`.
 *
 * A client that does not read what it asked for cannot make the process hold its output without end: see
 * `maxUnreadBytes`, `unreadTimeoutMs`, `maxUnsentBytes` and `maxConnections`. A page in a browser cannot drive
 * it: requests from another origin get 403.
 */
export class HttpApi {
  private readonly server: Server;
  private readonly scheduler: Scheduler;
  private readonly log: Logger;
  private readonly bodyLimit: number;
  private readonly maxWaitMs: number;
  private readonly maxUnreadBytes: number;
  private readonly unreadTimeoutMs: number;
  private readonly maxUnsentBytes: number;
  private readonly streams = new Set<EventStream>();
  /**
   * Responses whose whole output is written (or, for an event stream, decided) but may not have left yet, with
   * when that was. One sweep over them enforces the deadline and the budget, instead of a timer per response.
   */
  private readonly unsent = new Map<ServerResponse, Unsent>();
  /** At least what `unsent` and the streams hold: exact after a sweep, only added to in between. */
  private unsentBound = 0;
  private sweeper: NodeJS.Timeout | null = null;
  /** One line per dropped client, but a crowd of them cannot flood the log. */
  private readonly slowLog: RateLimitedLogger;
  private readonly refusedLog: RateLimitedLogger;
  private slowDropped = 0;
  private refused = 0;
  private openConnections = 0;
  private peakStreamBuffered = 0;
  /** Set by `listen` (a malformed token fails there, where the server cleans up after a failed start). */
  private tokenCheck: TokenCheck | null = null;

  constructor(
    private readonly datapool: ServedDatapool,
    private readonly options: HttpApiOptions = {},
  ) {
    this.log = options.log ?? stderrLogger;
    this.bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.maxUnreadBytes = options.maxUnreadBytes ?? DEFAULT_MAX_UNREAD_BYTES;
    this.unreadTimeoutMs = options.unreadTimeoutMs ?? DEFAULT_UNREAD_TIMEOUT_MS;
    this.maxUnsentBytes = options.maxUnsentBytes ?? DEFAULT_MAX_UNSENT_BYTES;
    this.slowLog = new RateLimitedLogger(this.log, { maxPerWindow: 10, windowMs: 60_000 });
    this.refusedLog = new RateLimitedLogger(this.log, { maxPerWindow: 3, windowMs: 60_000 });
    this.scheduler = new Scheduler((request) => datapool.submit(request), this.log);
    this.server = createServer((req, res) => {
      const refusal = checkBearer(this.tokenCheck, req, 'the datapool HTTP API');
      if (refusal !== null) {
        // The body is never read: close the connection rather than drain whatever a stranger sends.
        res.setHeader('connection', 'close');
        res.setHeader('www-authenticate', refusal.challenge);
        sendJson(res, 401, { error: { code: 'unauthorized', message: refusal.message } });
        return this.written(res);
      }
      // A page in a browser must not reach a local datapool: a foreign Host is DNS rebinding, a write that is
      // not JSON is a cross-site form or text/plain post (browsers send those without asking first).
      if (this.allowedHosts !== null && !this.allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
        res.setHeader('connection', 'close');
        sendJson(res, 403, {
          error: {
            code: 'forbidden-host',
            message: `host "${req.headers.host ?? ''}" not allowed: this datapool answers on ${[...this.allowedHosts].join(', ')}`,
          },
        });
        return this.written(res);
      }
      // Browsers send Origin with every cross-site POST, bodiless ones too (a ping, a cancel), which the content
      // type check below never sees; Sec-Fetch-Site catches the rest. Our own clients send neither.
      const origin = req.headers.origin;
      if (origin !== undefined && !this.ownOrigin(origin, req)) {
        res.setHeader('connection', 'close');
        sendJson(res, 403, {
          error: { code: 'forbidden-origin', message: `origin ${JSON.stringify(origin)} not allowed: a page of another site may not use this datapool` },
        });
        return this.written(res);
      }
      if (req.method === 'POST' && req.headers['sec-fetch-site']?.toLowerCase() === 'cross-site') {
        res.setHeader('connection', 'close');
        sendJson(res, 403, { error: { code: 'forbidden-origin', message: 'a cross-site request may not write to this datapool' } });
        return this.written(res);
      }
      if (req.method === 'POST' && hasBody(req) && !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        res.setHeader('connection', 'close');
        sendJson(res, 415, {
          error: {
            code: 'unsupported-media-type',
            message: `a request body must be JSON (content-type: application/json), got ${JSON.stringify(req.headers['content-type'] ?? 'none')}`,
          },
        });
        return this.written(res);
      }
      this.handle(req, res).then(
        () => this.written(res),
        (error: unknown) => {
          this.fail(res, error);
          this.written(res);
        },
      );
    });
    // Clients keep connections open between calls; close idle ones late so a reused socket is rarely cut.
    this.server.keepAliveTimeout = 65_000;
    // Each connection costs a descriptor and buffers however little it asks for: a crowd of them must not take the
    // descriptors the device listener and the store need.
    this.server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
    this.server.on('connection', (socket: Socket) => {
      this.openConnections++;
      socket.once('close', () => this.openConnections--);
    });
    this.server.on('drop', (data?: { remoteAddress?: string }) => {
      this.refused++;
      const fields = data?.remoteAddress === undefined ? undefined : { remote: data.remoteAddress };
      this.refusedLog.write(
        'warn',
        `http api: refused a connection: ${this.server.maxConnections} open, the most allowed (${this.refused} refused since start)`,
        fields,
      );
    });
  }

  /** Starts listening; refuses a non-loopback address without a token. */
  listen(): Promise<AddressInfo> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? DEFAULT_HTTP_PORT;
    try {
      requireHttpToken('the datapool HTTP API', { host, port }, this.options.token);
      this.tokenCheck = this.options.token === undefined ? null : new TokenCheck(this.options.token);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const bound = this.server.address() as AddressInfo;
        // On loopback only the names of this machine reach it; off loopback the token guards it.
        if (['127.0.0.1', '::1', 'localhost'].includes(host))
          this.allowedHosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${bound.port}`));
        resolve(bound);
      });
    });
  }

  address(): AddressInfo | null {
    const address = this.server.address();
    return address !== null && typeof address === 'object' ? address : null;
  }

  /** Stops schedules, ends event streams and closes every connection. */
  async close(): Promise<void> {
    this.scheduler.close();
    if (this.sweeper !== null) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const stream of this.streams) stream.end();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  slowReaders(): SlowReaderStats {
    return {
      dropped: this.slowDropped,
      refusedConnections: this.refused,
      openConnections: this.openConnections,
      eventStreams: this.streams.size,
      peakStreamBufferedBytes: this.peakStreamBuffered,
    };
  }

  /** The Host headers this API answers when it listens on loopback; null off loopback. */
  private allowedHosts: Set<string> | null = null;

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://datapool');
    const parts = url.pathname
      .split('/')
      .filter((p) => p !== '')
      .map(decodePart);
    const method = req.method ?? 'GET';
    const [head, id, action] = parts;

    if (head === 'commands' && parts.length === 1) {
      allow(method, 'POST');
      const body = await this.readJson(req);
      const wait = this.waitOptions(url);
      const status = wait === null ? await this.datapool.submit(body as CommandRequest) : await this.datapool.run(body as CommandRequest, wait);
      return sendJson(res, wait === null ? 202 : 200, status);
    }
    if (head === 'commands' && id !== undefined && parts.length === 2) {
      allow(method, 'GET');
      const wait = this.waitOptions(url);
      return sendJson(res, 200, wait === null ? await this.datapool.status(id) : await this.datapool.wait(id, wait));
    }
    if (head === 'commands' && id !== undefined && action === 'cancel' && parts.length === 3) {
      allow(method, 'POST');
      return sendJson(res, 200, await this.datapool.cancel(id));
    }
    if (head === 'commands' && id !== undefined && action === 'events' && parts.length === 3) {
      allow(method, 'GET');
      return this.events(id, res);
    }
    if (head === 'schedules' && id !== undefined && parts.length <= 3) {
      let schedule: ScheduleStatus | undefined;
      if (action === 'cancel' && parts.length === 3) {
        allow(method, 'POST');
        schedule = this.scheduler.cancel(id);
      } else if (parts.length === 2) {
        allow(method, 'GET');
        schedule = this.scheduler.get(id);
      }
      if (schedule === undefined) throw new HttpError(404, 'not-found', `no schedule with id "${id}"`);
      return sendJson(res, 200, schedule);
    }
    if (parts.length === 1 && head === 'mcus') {
      allow(method, 'GET');
      return sendJson(res, 200, await this.datapool.mcus());
    }
    if (head === 'mcus' && id !== undefined && action === 'ping' && parts.length === 3) {
      allow(method, 'POST');
      return sendJson(res, 200, await this.datapool.ping(id, { timeoutMs: this.pingTimeout(url) }));
    }
    if (parts.length === 1 && head === 'sensors') {
      allow(method, 'GET');
      return sendJson(res, 200, sensorAvailability(await this.datapool.mcus()));
    }
    if (parts.length === 1 && head === 'health') {
      allow(method, 'GET');
      return sendJson(res, 200, await this.datapool.health());
    }
    if (parts.length === 1 && head === 'send_cmd') {
      allow(method, 'POST');
      return this.sendCmd(req, res);
    }
    throw new HttpError(404, 'not-found', `no route ${method} ${url.pathname}`);
  }

  /** The original endpoint: its answers and its 400, word for word, plus our reason in `error`. */
  private async sendCmd(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const body = await this.readJson(req);
      if (isObject(body) && isObject(body['request'])) {
        const startMs = parseLocalTime(body['start']);
        const endMs = parseLocalTime(body['end']);
        if (startMs === null || endMs === null) {
          throw new DatapoolError('invalid-request', 'start and end must be "YYYY-MM-DD HH:MM:SS" (local time)');
        }
        const request = body['request'] as unknown as CommandRequest;
        // Refuse a bad request now, not at every occurrence.
        if (normalizeRequest(request).command.actuator !== undefined) {
          // A schedule repeats its request unattended, behind every check a caller makes before moving something.
          throw new DatapoolError('invalid-request', 'actuator commands are never scheduled: send each one when it is meant');
        }
        const interval = body['interval'] ?? 1;
        if (typeof interval !== 'number') throw new DatapoolError('invalid-request', 'interval must be a number of seconds');
        const schedule = this.scheduler.add({ startMs, endMs, intervalS: interval, request });
        return sendJson(res, 200, { status: 'accept', id: schedule.id });
      }
      const status = await this.datapool.submit(body as CommandRequest);
      return sendJson(res, 200, { status: 'accept', id: status.id });
    } catch (error) {
      if (error instanceof DatapoolError || error instanceof HttpError) {
        const status = error instanceof HttpError && error.status === 413 ? 413 : 400;
        return sendJson(res, status, { detail: ORIGINAL_REFUSAL, error: { code: error.code, message: error.message } });
      }
      throw error;
    }
  }

  /**
   * Server-Sent Events: the samples so far, each new one as it is stored, then `end`. A client that falls more
   * than `maxUnreadBytes` behind is dropped rather than buffered for.
   */
  private events(id: string, res: ServerResponse): void {
    const watch = this.datapool.watch?.bind(this.datapool);
    if (watch === undefined) throw new HttpError(501, 'unavailable', 'events need an in-process datapool');
    let stream: EventStream | null = null;
    const { status, stop } = watch(id, (event) => stream?.push(event));
    const what = `the event stream of command ${id}`;
    stream = new EventStream(
      res,
      status.samples,
      this.maxUnreadBytes,
      {
        over: (behind) => this.dropSlow(res, what, `${behind} bytes of events behind (cap ${this.maxUnreadBytes} bytes)`),
        buffered: (bytes) => {
          if (bytes > this.peakStreamBuffered) this.peakStreamBuffered = bytes;
        },
        // Nothing more will come: what is left, the end with the whole status included, is as bounded as an answer.
        ended: () => this.track(res, what),
      },
      what,
    );
    const open = stream;
    this.streams.add(open);
    this.sweepSoon();
    res.on('close', () => {
      stop();
      open.closed();
      this.streams.delete(open);
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders(); // let the client see the stream open before the first event
    if (status.state === 'done' || status.state === 'failed') open.push({ type: 'end', status });
    open.start();
  }

  /** Holds a response that has written its answer to the deadline and the budget until all of it has left. */
  private written(res: ServerResponse): void {
    if (res.writableEnded && !res.writableFinished) this.track(res, 'an answer');
  }

  private track(res: ServerResponse, what: string): void {
    if (res.destroyed || res.writableFinished || this.unsent.has(res)) return;
    this.unsent.set(res, { since: performance.now(), what });
    const forget = (): void => {
      this.unsent.delete(res);
    };
    res.once('finish', forget);
    res.once('close', forget);
    this.sweepSoon();
    this.unsentBound += res.writableLength;
    // Checked as each answer is written, not only on the next sweep: a crowd arriving at once must not get there first.
    if (this.unsentBound > this.maxUnsentBytes) this.sweep();
  }

  private sweepSoon(): void {
    if (this.sweeper !== null) return;
    // A quarter of the deadline apart keeps each drop within 25% of it; at most a second, so the budget is checked often.
    this.sweeper = setInterval(() => this.sweep(), Math.min(1000, Math.max(10, this.unreadTimeoutMs / 4)));
    this.sweeper.unref();
  }

  /** Drops what is past its deadline, then, over the budget, the responses holding the most until within it. */
  private sweep(): void {
    const now = performance.now();
    let total = 0;
    for (const [res, { since, what }] of this.unsent) {
      if (res.writableFinished || res.destroyed) {
        this.unsent.delete(res);
      } else if (now - since >= this.unreadTimeoutMs) {
        this.dropSlow(res, what, `${res.writableLength} bytes still unsent ${this.unreadTimeoutMs} ms after it was written`);
        this.unsent.delete(res);
      } else {
        total += res.writableLength;
      }
    }
    for (const stream of this.streams) if (!this.unsent.has(stream.res)) total += stream.res.writableLength;
    if (total > this.maxUnsentBytes) total = this.shed(total);
    this.unsentBound = total;
    if (this.unsent.size === 0 && this.streams.size === 0 && this.sweeper !== null) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  /** Drops the responses holding the most unsent output until all of them hold no more than the budget. */
  private shed(total: number): number {
    const holders: { res: ServerResponse; what: string; bytes: number }[] = [];
    for (const [res, { what }] of this.unsent) holders.push({ res, what, bytes: res.writableLength });
    for (const stream of this.streams) if (!this.unsent.has(stream.res)) holders.push({ res: stream.res, what: stream.what, bytes: stream.res.writableLength });
    holders.sort((a, b) => b.bytes - a.bytes);
    for (const { res, what, bytes } of holders) {
      if (total <= this.maxUnsentBytes) break;
      this.dropSlow(res, what, `it held ${bytes} bytes unsent, the most of any, over the budget of ${this.maxUnsentBytes} bytes for all (${total})`);
      this.unsent.delete(res);
      total -= bytes;
    }
    return total;
  }

  private dropSlow(res: ServerResponse, what: string, why: string): void {
    if (res.destroyed) return;
    this.slowDropped++;
    const remote = res.socket?.remoteAddress;
    this.slowLog.write('warn', `dropped a slow client of ${what}: ${why}`, remote === undefined ? undefined : { remote });
    res.destroy();
  }

  /**
   * Whether a request's Origin is a page served by this API's own address: on loopback one of the names it
   * answers, elsewhere the Host the request reached. `null` (a sandboxed page, a file) is no one's.
   */
  private ownOrigin(origin: string, req: IncomingMessage): boolean {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const host = url.port === '' ? `${url.host}:${url.protocol === 'https:' ? 443 : 80}` : url.host;
    if (this.allowedHosts !== null) return this.allowedHosts.has(host);
    const reached = (req.headers.host ?? '').toLowerCase();
    return reached !== '' && (host === reached || url.host === reached);
  }

  private pingTimeout(url: URL): number {
    const timeout = url.searchParams.get('timeout');
    if (timeout === null) return Math.min(DEFAULT_PING_TIMEOUT_MS, this.maxWaitMs);
    const ms = Number(timeout);
    if (timeout.trim() === '' || !Number.isFinite(ms) || ms < 0) {
      throw new HttpError(400, 'invalid-request', `timeout must be a number of milliseconds >= 0 (got "${timeout}")`);
    }
    return Math.min(ms, this.maxWaitMs);
  }

  private waitOptions(url: URL): WaitOptions | null {
    const wait = url.searchParams.get('wait');
    const until = url.searchParams.get('until') ?? 'final';
    if (until !== 'final' && until !== 'window' && until !== 'sample') {
      throw new HttpError(400, 'invalid-request', `until must be "final", "window" or "sample" (got "${until}")`);
    }
    if (wait === null) return null;
    const ms = Number(wait);
    if (wait.trim() === '' || !Number.isFinite(ms) || ms < 0) {
      throw new HttpError(400, 'invalid-request', `wait must be a number of milliseconds >= 0 (got "${wait}")`);
    }
    return { timeoutMs: Math.min(ms, this.maxWaitMs), until };
  }

  private async readJson(req: IncomingMessage): Promise<unknown> {
    const limit = this.bodyLimit;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) throw tooLarge(limit);
    const body = await readBody(req, limit);
    if (!body.ok) throw body.reason === 'too-large' ? tooLarge(limit) : new HttpError(400, 'invalid-request', 'the request body was cut off');
    let value: unknown;
    try {
      value = JSON.parse(body.text);
    } catch {
      throw new HttpError(400, 'invalid-request', body.text.trim() === '' ? 'the request body is empty; expected JSON' : 'the request body is not valid JSON');
    }
    if (jsonTooDeep(value)) throw new HttpError(400, 'invalid-request', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
    return value;
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof HttpError) {
      if (error.status === 413) {
        // Stop reading an oversized body: answer, then drop the connection.
        res.setHeader('connection', 'close');
        res.on('finish', () => res.socket?.destroy());
      }
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      return;
    }
    if (error instanceof DatapoolError) {
      sendJson(res, statusFor(error.code), { error: { code: error.code, message: error.message } });
      return;
    }
    this.log('error', `http api: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
  }
}

/** Which sensors the fleet offers, from its MCU list. */
export function sensorAvailability(mcus: readonly McuInfo[]): SensorAvailability[] {
  const bySensor = new Map<string, SensorAvailability>();
  for (const mcu of mcus) {
    for (const sensor of mcu.sensors) {
      let entry = bySensor.get(sensor);
      if (entry === undefined) {
        entry = { sensor, mcus: [], online: false };
        bySensor.set(sensor, entry);
      }
      entry.mcus.push(mcu.id);
      entry.online ||= mcu.online;
    }
  }
  const list = [...bySensor.values()].sort((a, b) => (a.sensor < b.sensor ? -1 : a.sensor > b.sensor ? 1 : 0));
  for (const entry of list) entry.mcus.sort();
  return list;
}

/** HTTP status for a rejected request. */
export function statusFor(code: DatapoolError['code']): number {
  switch (code) {
    case 'not-found':
      return 404;
    case 'no-device':
      return 409;
    case 'queue-full':
    case 'unavailable':
    // The disk is full: the server's condition, not the client's mistake, and it clears by itself.
    case 'store-unavailable':
      return 503;
    case 'timeout':
      return 504;
    // An actuator moved too recently: the same request may be taken once its minimum interval has passed.
    case 'rate-limited':
      return 429;
    default:
      return 400;
  }
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpError(400, 'invalid-request', `bad percent-encoding in the path: "${part}"`);
  }
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError(405, 'invalid-request', `use ${expected} here (got ${method})`);
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, 'invalid-request', `the request body is larger than ${limit} bytes`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a request carries a body (a length above zero, or a chunked one). */
function hasBody(req: IncomingMessage): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

interface EventStreamHooks {
  /** The client is this many bytes of events behind, over the cap: drop it. */
  over(behind: number): void;
  /** The response holds this many bytes unsent after a write. */
  buffered(bytes: number): void;
  /** The command ended: no event will be added to what the stream still has to send. */
  ended(): void;
}

/**
 * One client's event stream, in order: the samples stored before it opened, then each event as it comes.
 * The response is handed an event only when it has taken the previous ones (its `write` said so, or it
 * drained), so it never holds more than its high-water mark and one event; what waits behind is a list of
 * the command's own sample objects, kept by the datapool anyway. The events waiting count toward the cap,
 * judged once per turn of the event loop, after the writes of the turn had their chance to leave: a burst
 * that a reading client takes at once is not held against it. The stored samples do not count: a client
 * of a long stream is never dropped for its history.
 */
class EventStream {
  private next = 0;
  private readonly waiting: CommandEvent[] = [];
  private readonly waitingSizes: number[] = [];
  private waitingHead = 0;
  private waitingBytes = 0;
  private ended = false;
  private draining = false;
  private checking = false;
  private done = false;

  constructor(
    readonly res: ServerResponse,
    private readonly backlog: readonly SampleRecord[],
    private readonly maxBehind: number,
    private readonly hooks: EventStreamHooks,
    /** What it streams, for the log. */
    readonly what: string,
  ) {}

  start(): void {
    this.pump();
  }

  push(event: CommandEvent): void {
    if (this.done || this.ended) return;
    const last = event.type === 'end';
    if (last) this.ended = true;
    if (!this.draining && this.next >= this.backlog.length && this.waitingHead === this.waiting.length) {
      this.send(render(event), last);
    } else {
      // The end is the last event whatever its size (it carries the whole status): only samples can pile up.
      const size = last ? 0 : Buffer.byteLength(render(event));
      this.waiting.push(event);
      this.waitingSizes.push(size);
      this.waitingBytes += size;
      if (!this.checking) {
        this.checking = true;
        setImmediate(this.check);
      }
    }
    // After the send, so that what the end left unsent counts at once.
    if (last) this.hooks.ended();
  }

  /** The API is closing: what the response was handed still goes out. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.res.end();
  }

  /** The connection is gone. */
  closed(): void {
    this.done = true;
  }

  private readonly check = (): void => {
    this.checking = false;
    if (this.done) return;
    const behind = this.res.writableLength + this.waitingBytes;
    if (behind > this.maxBehind) {
      this.done = true;
      this.hooks.over(behind);
    }
  };

  private readonly pump = (): void => {
    this.draining = false;
    while (!this.done && !this.draining) {
      if (this.next < this.backlog.length) {
        this.send(render({ type: 'sample', sample: this.backlog[this.next++]! }), false);
      } else if (this.waitingHead < this.waiting.length) {
        const event = this.waiting[this.waitingHead]!;
        this.waitingBytes -= this.waitingSizes[this.waitingHead]!;
        this.waitingHead++;
        if (this.waitingHead === this.waiting.length) {
          this.waiting.length = 0;
          this.waitingSizes.length = 0;
          this.waitingHead = 0;
        }
        this.send(render(event), event.type === 'end');
      } else {
        return;
      }
    }
  };

  private send(text: string, last: boolean): void {
    if (last) {
      this.done = true;
      this.res.end(text);
      return;
    }
    if (!this.res.write(text)) {
      this.draining = true;
      this.res.once('drain', this.pump);
    }
    this.hooks.buffered(this.res.writableLength);
  }
}

function render(event: CommandEvent): string {
  return event.type === 'sample' ? frame('sample', event.sample) : frame('end', event.status);
}

function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
