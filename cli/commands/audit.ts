import { type Command, type CommanderError, InvalidArgumentError } from 'commander';
import { AUDIT_KEY } from '../../core/security/secret-sources.js';
import { parseInteger } from '../options.js';

/**
 * `audit verify FILE`: check an actuator audit log's chain. Exit 0 when it verifies, 1 when it does not (the
 * first problem is printed), 2 when the command is used wrongly or its files cannot be read.
 */

interface VerifyOptions {
  keyFile?: string;
  head?: string;
  count?: number;
  json?: boolean;
}

const USAGE = 2;

function parseCount(value: string): number {
  const n = parseInteger(value);
  if (n < 0) throw new InvalidArgumentError(`expected a whole number of at least 0, got "${value}"`);
  return n;
}

function usageError(message: string): Error {
  return Object.assign(new Error(message), { exitCode: USAGE });
}

/** Commander's own refusals (no FILE, an unknown option) are usage errors too, and exit as the others do. */
function exitOnCommanderError(error: CommanderError): never {
  process.exit(error.exitCode === 0 ? 0 : USAGE);
}

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('Check the actuator audit log').exitOverride(exitOnCommanderError);

  audit
    .command('verify')
    .argument('<file>', 'the audit log (JSON Lines)')
    .description(
      'Verify an audit log: every line an entry, numbered in order, chained to the line before it, hashed as written and spelled byte for byte as the log writes it. ' +
        'Lines cut off its end cannot be seen from the file alone: give the head hash or the count kept from when it was written (--head, --count)',
    )
    .option('--key-file <path>', `file holding the HMAC key the log was written with (default: the ${AUDIT_KEY.env} environment variable)`)
    .option('--head <hash>', 'the hash the last entry must have')
    .option('--count <n>', 'how many entries the log must hold', parseCount)
    .option('--json', 'print JSON')
    .action(async (file: string, opts: VerifyOptions) => {
      const { isAuditHash } = await import('../../bench/mcp/safety/audit-entry.js');
      const { auditKey, readAuditKeyFile } = await import('../../bench/mcp/safety/audit-key.js');
      const { verifyAuditLog } = await import('../../bench/mcp/safety/audit-verify.js');
      const { secret } = await import('../security/auth-options.js');
      const { printable } = await import('../../core/log.js');
      const head = opts.head?.toLowerCase();
      if (head !== undefined && !isAuditHash(head)) throw usageError(`--head must be a SHA-256 hash (64 hex digits), got "${printable(opts.head!)}"`);
      let key: string | undefined;
      try {
        const fromEnv = secret(process.env[AUDIT_KEY.env]);
        if (opts.keyFile !== undefined) key = await readAuditKeyFile(opts.keyFile);
        else if (fromEnv !== undefined) key = auditKey(fromEnv, `audit key in ${AUDIT_KEY.env}`);
      } catch (error) {
        throw usageError(printable(error instanceof Error ? error.message : String(error)));
      }
      const options: Parameters<typeof verifyAuditLog>[1] = {};
      if (key !== undefined) options.key = key;
      if (head !== undefined) options.head = head;
      if (opts.count !== undefined) options.count = opts.count;
      let verdict: Awaited<ReturnType<typeof verifyAuditLog>>;
      try {
        verdict = await verifyAuditLog(file, options);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw usageError(`cannot read ${printable(file)}${code === undefined ? '' : ` (${code})`}`);
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ file, keyed: key !== undefined, ...verdict }, null, 2)}\n`);
      } else if (verdict.ok) {
        process.stdout.write(`ok: ${verdict.entries} entries (${key === undefined ? 'SHA-256, no key' : 'HMAC-SHA-256'}); head ${verdict.head}\n`);
      } else {
        const { line, message } = verdict.problem!;
        process.stdout.write(`INVALID: ${printable(file)}:${line}: ${message}\n`);
      }
      if (!verdict.ok) process.exitCode = 1;
    });
}
