import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { readLines, writeAuditLog, writeLines } from '../bench/mcp/safety/audit-fixtures.test-helper.js';
import { CLI_PATH } from '../core/package.js';

const run = promisify(execFile);
const KEY = 'cli-test-key-5d41402abc4b2a76b9719d911017c592';

interface Ran {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `iotmcp-bench audit ...` with IOTMCP_AUDIT_KEY set to `envKey` (unset when not given). */
async function audit(args: string[], envKey = ''): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI_PATH, 'audit', ...args], { env: { ...process.env, IOTMCP_AUDIT_KEY: envKey } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

let dir: string;
let plain: string;
let plainHead: string;
let keyed: string;
let keyFile: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-audit-cli-'));
  plain = path.join(dir, 'plain.jsonl');
  plainHead = await writeAuditLog(plain, 4);
  keyed = path.join(dir, 'keyed.jsonl');
  await writeAuditLog(keyed, 3, KEY);
  keyFile = path.join(dir, 'audit.key');
  await writeFile(keyFile, `${KEY}\n`);
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('audit verify exits 0 on an intact log and says how long it is and where it ends', async () => {
  const ran = await audit(['verify', plain]);
  assert.equal(ran.code, 0);
  assert.equal(ran.stdout, `ok: 4 entries (SHA-256, no key); head ${plainHead}\n`);
  const json = await audit(['verify', plain, '--json', '--head', plainHead.toUpperCase(), '--count', '4']);
  assert.equal(json.code, 0);
  assert.deepEqual(JSON.parse(json.stdout), { file: plain, keyed: false, ok: true, entries: 4, head: plainHead });
});

test('audit verify takes the key from --key-file or IOTMCP_AUDIT_KEY, and never prints it', async () => {
  const fromFile = await audit(['verify', keyed, '--key-file', keyFile]);
  assert.equal(fromFile.code, 0);
  assert.match(fromFile.stdout, /^ok: 3 entries \(HMAC-SHA-256\); head [0-9a-f]{64}\n$/);
  const fromEnv = await audit(['verify', keyed, '--json'], KEY);
  assert.equal(fromEnv.code, 0);
  assert.equal(JSON.parse(fromEnv.stdout).keyed, true);
  const wrong = await audit(['verify', keyed, '--json'], 'not-the-key');
  assert.equal(wrong.code, 1);
  assert.deepEqual(JSON.parse(wrong.stdout).problem, {
    line: 1,
    kind: 'key',
    message: 'the key is not the one the log was written with: no line verifies with it',
  });
  for (const ran of [fromFile, fromEnv, wrong]) assert.ok(!`${ran.stdout}${ran.stderr}`.includes(KEY));
  assert.equal((await audit(['verify', keyed])).code, 1);
});

test('audit verify exits 1 on a tampered log and prints the first problem with its line', async () => {
  const file = path.join(dir, 'tampered.jsonl');
  const lines = await readLines(plain);
  await writeLines(file, [lines[0]!, lines[1]!.replace('"relay_fan_set_speed"', '"relay_fan_off"'), ...lines.slice(2)]);
  const ran = await audit(['verify', file]);
  assert.equal(ran.code, 1);
  assert.equal(ran.stdout, `INVALID: ${file}:2: a field was changed: the hash does not match\n`);
  const json = await audit(['verify', file, '--json']);
  assert.equal(json.code, 1);
  assert.deepEqual(JSON.parse(json.stdout), {
    file,
    keyed: false,
    ok: false,
    entries: 1,
    head: JSON.parse(lines[0]!).hash,
    problem: { line: 2, kind: 'hash', message: 'a field was changed: the hash does not match' },
  });
});

test('audit verify exits 1 on a line respelled so that another reader sees another decision, even where the parsed entry verifies', async () => {
  const file = path.join(dir, 'shadowed.jsonl');
  const lines = await readLines(keyed);
  // JSON.parse keeps the last "decision"; grep and other parsers see the first.
  const shadowed = lines[1]!.replace('"decision":', '"decision":{"allowed":true},"decision":');
  await writeLines(file, [lines[0]!, shadowed, ...lines.slice(2)]);
  const head = JSON.parse(lines.at(-1)!).hash as string;
  const ran = await audit(['verify', file, '--key-file', keyFile, '--head', head, '--count', '3']);
  assert.equal(ran.code, 1);
  assert.equal(
    ran.stdout,
    `INVALID: ${file}:2: the line is not byte for byte the text the log writes for its entry: a key was repeated or moved, or spacing or escapes were changed\n`,
  );
});

test('audit verify exits 1 when the tail was cut off and --head or --count says so', async () => {
  const file = path.join(dir, 'cut.jsonl');
  await writeLines(file, (await readLines(plain)).slice(0, 2));
  assert.equal((await audit(['verify', file])).code, 0);
  const byHead = await audit(['verify', file, '--head', plainHead]);
  assert.equal(byHead.code, 1);
  assert.match(byHead.stdout, /^INVALID: .*cut\.jsonl:3: the expected head is not in the log/);
  const byCount = await audit(['verify', file, '--count', '4', '--json']);
  assert.equal(byCount.code, 1);
  assert.equal(JSON.parse(byCount.stdout).problem.kind, 'count');
});

test('audit verify exits 2 when used wrongly or when its files cannot be read', async () => {
  const cases: [string[], RegExp][] = [
    [['verify'], /missing required argument 'file'/],
    [[], /Usage: iotmcp-bench audit/],
    [['verify', plain, '--count', 'many'], /expected a number, got "many"/],
    [['verify', plain, '--count', '-1'], /expected a whole number of at least 0/],
    [['verify', plain, '--head', 'abc'], /--head must be a SHA-256 hash \(64 hex digits\), got "abc"/],
    [['verify', plain, '--frobnicate'], /unknown option '--frobnicate'/],
    [['verify', path.join(dir, 'missing.jsonl')], /cannot read .*missing\.jsonl \(ENOENT\)/],
    [['verify', keyed, '--key-file', path.join(dir, 'missing.key')], /cannot read the audit key file .*missing\.key \(ENOENT\)/],
  ];
  for (const [args, expected] of cases) {
    const ran = await audit(args);
    assert.equal(ran.code, 2, `audit ${args.join(' ')}: ${ran.stderr}`);
    assert.match(ran.stderr, expected);
    assert.equal(ran.stdout, '');
  }
  const help = await audit(['verify', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--head <hash>/);
});
