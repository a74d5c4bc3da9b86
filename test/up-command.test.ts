import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CLI_PATH } from '../core/package.js';

const run = promisify(execFile);

test('up serves the fleet until SIGINT, then stops cleanly', { timeout: 30_000 }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-up-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [CLI_PATH, 'up', '--devices', '127.0.0.1:0', '--http', '127.0.0.1:0', '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /host API (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`up exited with ${code}: ${err}`)));
  });
  assert.match(out, /6 MCUs online carrying 22 sensor types/);

  const { stdout } = await run(process.execPath, [CLI_PATH, 'read', 'DHT11', 'read_temp', '--json', '--datapool', url]);
  assert.equal(typeof (JSON.parse(stdout) as { temperature: unknown }).temperature, 'number');

  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 0, err);
});
