import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { deserializeMessage, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage, RequestId } from '@modelcontextprotocol/sdk/types.js';

/**
 * One MCP server on stdin/stdout, the way MCP hosts (Claude Desktop and the like) launch servers. stdout
 * carries nothing but MCP messages: everything else this process says goes to stderr.
 */

/** The longest message line read from stdin, bytes; a longer one is answered with an error and skipped. */
export const DEFAULT_MAX_LINE_BYTES = 4 * 1024 * 1024;

export interface StdioServing {
  /** Resolves when the host closes stdin (or `close` is called): time to shut down. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export interface StdioOptions {
  /** Defaults: process.stdin / process.stdout (tests pass their own streams). */
  stdin?: Readable;
  stdout?: Writable;
  /** Longest message line, bytes (default 4 MiB). */
  maxLineBytes?: number;
  /** Where a skipped line is reported (never stdout). */
  log?: (line: string) => void;
}

export async function serveStdio(server: McpServer, options: StdioOptions = {}): Promise<StdioServing> {
  const stdin = options.stdin ?? process.stdin;
  const transport = new LineLimitedStdioTransport(stdin, options.stdout ?? process.stdout, {
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    log: options.log ?? (() => {}),
  });
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  // A transport never notices a host that went away; stdin ending is how a child process learns it.
  const onEnd = (): void => markClosed();
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  transport.onclose = onEnd;
  await server.connect(transport);
  return {
    closed,
    async close() {
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      await server.close();
      markClosed();
    },
  };
}

/**
 * The SDK's StdioServerTransport with a bound on each line. The SDK's own buffer grows a line until it
 * holds 10 MiB and then closes the transport, which ends the process; here a line past the bound is
 * scanned for its id as it streams by, never held, answered with -32600, and the next line is read as usual.
 */
export class LineLimitedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly reader: LineReader;
  private readonly log: (line: string) => void;

  constructor(
    private readonly stdin: Readable,
    private readonly stdout: Writable,
    options: { maxLineBytes: number; log: (line: string) => void },
  ) {
    this.reader = new LineReader(options.maxLineBytes);
    this.log = options.log;
  }

  private readonly onData = (chunk: Buffer | string): void => {
    this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, this.onLine);
  };

  private readonly onStdinError = (error: Error): void => {
    this.onerror?.(error);
  };

  private readonly onLine = (line: Line): void => {
    if (line.text === undefined) {
      const limit = this.reader.maxLineBytes;
      this.log(`mcp stdio: skipped a message line of ${line.skippedBytes} bytes (limit ${limit}); answered id ${JSON.stringify(line.id)} with an error`);
      this.write({
        jsonrpc: '2.0',
        id: line.id,
        error: {
          code: -32600,
          message: `invalid request: the message is ${line.skippedBytes} bytes, over the ${limit}-byte limit of a stdio message line; it was discarded`,
        },
      });
      return;
    }
    if (line.text.trim() === '') return;
    let message: JSONRPCMessage;
    try {
      message = deserializeMessage(line.text);
    } catch (error) {
      this.onerror?.(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.onmessage?.(message);
  };

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStdinError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(message);
  }

  async close(): Promise<void> {
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStdinError);
    // Someone else may still read this stdin; pausing it under them would stall them.
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.reader.reset();
    this.onclose?.();
  }

  private write(message: JSONRPCMessage | { jsonrpc: '2.0'; id: RequestId | null; error: { code: number; message: string } }): Promise<void> {
    return new Promise((resolve) => {
      if (this.stdout.write(serializeMessage(message as JSONRPCMessage))) resolve();
      else this.stdout.once('drain', resolve);
    });
  }
}

/** A complete line (its text, without `\n` or `\r\n`), or one that was over the limit and skipped. */
export type Line = { text: string; skippedBytes?: never; id?: never } | { text?: never; skippedBytes: number; id: RequestId | null };

/** Splits a byte stream into lines, holding at most `maxLineBytes` of the line in progress. */
export class LineReader {
  private parts: Buffer[] = [];
  private size = 0;
  /** Set while a line over the limit streams by: only its id is looked for. */
  private skipping: IdScanner | null = null;
  private skipped = 0;

  constructor(readonly maxLineBytes: number) {
    if (!(maxLineBytes >= 1)) throw new Error(`maxLineBytes must be at least 1, got ${maxLineBytes}`);
  }

  /** Bytes held for the line in progress. */
  get bufferedBytes(): number {
    return this.size;
  }

  push(chunk: Buffer, onLine: (line: Line) => void): void {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (end > start) this.take(chunk, start, end);
      if (newline === -1) return;
      onLine(this.endLine());
      start = newline + 1;
    }
  }

  reset(): void {
    this.parts = [];
    this.size = 0;
    this.skipping = null;
    this.skipped = 0;
  }

  private take(chunk: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.skipping !== null) {
      this.skipping.feed(chunk, start, end);
      this.skipped += length;
      return;
    }
    if (this.size + length > this.maxLineBytes) {
      const scanner = new IdScanner();
      for (const part of this.parts) scanner.feed(part, 0, part.length);
      scanner.feed(chunk, start, end);
      this.skipped = this.size + length;
      this.parts = [];
      this.size = 0;
      this.skipping = scanner;
      return;
    }
    this.parts.push(chunk.subarray(start, end));
    this.size += length;
  }

  private endLine(): Line {
    if (this.skipping !== null) {
      const line = { skippedBytes: this.skipped, id: this.skipping.id };
      this.reset();
      return line;
    }
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.reset();
    const text = bytes.toString('utf8');
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const I = 0x69;
const D = 0x64;
/** An id longer than this is not one a client would send: it is not kept. */
const MAX_ID_BYTES = 256;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/**
 * Finds the top-level `"id"` of a JSON object fed in pieces, holding nothing but the id's own bytes: the
 * SDK's clients put the id after the params, so it is often the last thing in an oversized line. Anything
 * that is not an object with a string or number id gives null, as JSON-RPC asks of an unreadable request.
 */
export class IdScanner {
  private depth = 0;
  private done = false;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private inKey = false;
  /** Bytes of the key being read that match "id" so far; -1 once it cannot be "id". */
  private keyMatched = 0;
  private keyIsId = false;
  /** 0: not reading the id; 1: after `"id":`, before its value; 2: inside its value. */
  private valueState = 0;
  private value: number[] = [];
  private found: RequestId | null = null;

  get id(): RequestId | null {
    return this.found;
  }

  feed(bytes: Buffer, start: number, end: number): void {
    for (let i = start; i < end && !this.done; i++) {
      const c = bytes[i]!;
      if (this.inString) {
        if (this.valueState === 2) this.keep(c);
        if (this.escaped) {
          this.escaped = false;
          this.keyMatched = -1;
        } else if (c === BACKSLASH) {
          this.escaped = true;
          this.keyMatched = -1;
        } else if (c === QUOTE) {
          this.inString = false;
          if (this.inKey) {
            this.inKey = false;
            this.keyIsId = this.keyMatched === 2;
          } else if (this.valueState === 2) {
            this.finishValue();
          }
        } else if (this.inKey && this.keyMatched !== -1) {
          this.keyMatched = this.keyMatched === 0 && c === I ? 1 : this.keyMatched === 1 && c === D ? 2 : -1;
        }
        continue;
      }
      if (isSpace(c)) {
        if (this.valueState === 2) this.finishValue();
        continue;
      }
      if (this.valueState === 1) {
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          this.valueState = 0;
          this.found = null;
        } else {
          this.valueState = 2;
          this.keep(c);
          if (c === QUOTE) this.inString = true;
          continue;
        }
      } else if (this.valueState === 2) {
        if (c !== COMMA && c !== CLOSE_BRACE) {
          this.keep(c);
          continue;
        }
        this.finishValue();
      }
      switch (c) {
        case OPEN_BRACE:
        case OPEN_BRACKET:
          // A batch (or anything else) at the top has no one id to answer.
          if (this.depth === 0 && c !== OPEN_BRACE) this.done = true;
          else if (++this.depth === 1) this.expectKey = true;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          if (--this.depth <= 0) this.done = true;
          break;
        case COMMA:
          if (this.depth === 1) this.expectKey = true;
          break;
        case COLON:
          if (this.depth === 1) {
            if (this.keyIsId) this.valueState = 1;
            this.keyIsId = false;
          }
          break;
        case QUOTE:
          this.inString = true;
          if (this.depth === 1 && this.expectKey) {
            this.inKey = true;
            this.keyMatched = 0;
            this.expectKey = false;
          }
          break;
        default:
          if (this.depth === 0) this.done = true;
      }
    }
  }

  private keep(byte: number): void {
    if (this.value.length <= MAX_ID_BYTES) this.value.push(byte);
  }

  private finishValue(): void {
    this.valueState = 0;
    const bytes = this.value;
    this.value = [];
    this.found = null;
    if (bytes.length > MAX_ID_BYTES) return;
    try {
      const id: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'));
      if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) this.found = id;
    } catch {
      // Not a JSON value: no id to answer.
    }
  }
}
