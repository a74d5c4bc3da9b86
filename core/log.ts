/** Logging is a plain function the owner injects, so tests can collect lines and servers stay quiet. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

/**
 * Text made safe for a terminal or a one-line log: control characters (escape sequences, a newline that would
 * forge a log line, a carriage return that would overwrite one) are shown as \u escapes. `keepNewlines` lets
 * multi-line text keep its line breaks.
 */
export function printable(text: string, options: { keepNewlines?: boolean } = {}): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
  const pattern = options.keepNewlines ? /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g : /[\u0000-\u001f\u007f-\u009f]/g;
  return text.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Default logger: one line per message on stderr (a board id cannot forge another); debug lines are dropped. */
export const stderrLogger: Logger = (level, message, fields) => {
  if (level === 'debug') return;
  const tail = fields === undefined ? '' : ` ${safeJson(fields)}`;
  process.stderr.write(`datapool ${level} ${printable(message)}${tail}\n`);
};

/**
 * A logger that never writes the given secrets: any line or field holding one (a board that sent its token as
 * a malformed line, a URL with a token in it) has it replaced by "[redacted]" before it reaches the sink.
 */
export function redactingLogger(log: Logger, secrets: readonly (string | undefined)[]): Logger {
  const hidden = secrets.filter((secret): secret is string => secret !== undefined && secret.length > 0);
  if (hidden.length === 0) return log;
  const redact = (text: string): string => hidden.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  return (level, message, fields) => {
    let clean = fields;
    if (fields !== undefined) {
      try {
        clean = JSON.parse(redact(JSON.stringify(fields))) as LogFields;
      } catch {
        clean = { fields: '[unserializable fields]' };
      }
    }
    log(level, redact(message), clean);
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserializable fields]';
  }
}

export interface RateLimitOptions {
  /** Lines let through per window. */
  maxPerWindow: number;
  windowMs: number;
}

/**
 * Lets at most `maxPerWindow` lines through per window and reports how many it held back, so a device that
 * floods bad input cannot flood the log. One per connection: a noisy board never silences a quiet one.
 */
export class RateLimitedLogger {
  private windowStart = 0;
  private count = 0;
  private suppressed = 0;

  constructor(
    private readonly log: Logger,
    private readonly options: RateLimitOptions = { maxPerWindow: 20, windowMs: 10_000 },
    /** Fields added to every line (which connection this is). */
    private readonly context: LogFields = {},
  ) {}

  write(level: LogLevel, message: string, fields?: LogFields): void {
    const t = performance.now();
    if (t - this.windowStart >= this.options.windowMs) {
      this.flush();
      this.windowStart = t;
      this.count = 0;
    }
    if (this.count >= this.options.maxPerWindow) {
      this.suppressed++;
      return;
    }
    this.count++;
    this.log(level, message, fields === undefined ? this.context : { ...this.context, ...fields });
  }

  /** Reports lines held back in the current window, if any. */
  flush(): void {
    if (this.suppressed === 0) return;
    this.log('warn', `${this.suppressed} more log lines suppressed`, this.context);
    this.suppressed = 0;
  }
}
