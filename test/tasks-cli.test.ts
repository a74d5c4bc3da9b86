import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { CLI_PATH } from '../core/package.js';
import { sampleTask } from '../tasks/task-fixtures.test-helper.js';

const run = promisify(execFile);

async function fails(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    await run(process.execPath, [CLI_PATH, ...args]);
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
  throw new Error(`iotmcp-bench ${args.join(' ')} succeeded, expected a failure`);
}

let dir: string;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'iotmcp-tasks-cli-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('tasks validate passes on the shipped suites and reports what they cover', async () => {
  const { stdout, stderr } = await run(process.execPath, [CLI_PATH, 'tasks', 'validate']);
  const [verdict, ...rest] = stdout.trim().split('\n');
  assert.equal(verdict, 'valid: 114 basic and 1,140 complex tasks; 156 actuation and 120 safety tasks; basic tasks cover 80/80 tools and 22/22 sensor types');
  // Facts an answer could swap unnoticed are warned about, never a reason to reject the suite.
  assert.deepEqual(
    rest.map((line) => line.replace(/^\d+/, 'N')),
    ["N task(s) have facts that take values within each other's tolerance in their world (warnings above)"],
  );
  assert.match(stderr, /^warning: .*complex\.jsonl:\d+ task "[^"]+": expect\.answer: facts a\d and a\d are about different things/m);
});

test('tasks validate on an invalid file exits 1 and names the file, line, task and field', async () => {
  const bad = sampleTask({ id: 'mine.broken' });
  bad.expect.calls[0]!.any_of[0]!.tool = 'read_temp';
  const notJson = '{"id": "mine.half"';
  const file = path.join(dir, 'bad.jsonl');
  await writeFile(file, `${JSON.stringify(sampleTask())}\n${JSON.stringify(bad).replace(bad.prompt, 'Another prompt')}\n${notJson}\n`);
  const { stderr, stdout, code } = await fails(['tasks', 'validate', '--tasks', file]);
  assert.equal(code, 1);
  assert.match(
    stderr,
    new RegExp(
      `${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2 task "mine.broken": expect\\.calls\\[0\\]\\.any_of\\[0\\]\\.tool: DHT11 has no MCP tool "read_temp"`,
    ),
  );
  assert.match(stderr, /bad\.jsonl:3: not valid JSON/);
  assert.match(stdout, /^INVALID \(3 problems\): 2 basic and 0 complex tasks/);
});

test('tasks validate accepts a user file in the same schema without the suite promises', async () => {
  const file = path.join(dir, 'mine.jsonl');
  await writeFile(file, `${JSON.stringify(sampleTask())}\n`);
  const { stdout } = await run(process.execPath, [CLI_PATH, 'tasks', 'validate', '--tasks', file]);
  assert.match(stdout, /^valid: 1 basic and 0 complex tasks/);
});

test('tasks stats breaks the suites down by suite, variant, category, sensor and MCU', async () => {
  const { stdout } = await run(process.execPath, [CLI_PATH, 'tasks', 'stats', '--json']);
  const stats = JSON.parse(stdout) as Record<string, Record<string, number>> & { total: number };
  assert.equal(stats.total, 1530);
  assert.deepEqual(stats['suite'], { basic: 114, complex: 1140, actuation: 156, safety: 120 });
  assert.deepEqual(stats['variant'], { ambiguification: 620, complexification: 342, integration: 342 });
  assert.equal(Object.keys(stats['sensor']!).length, 22);
  assert.equal(Object.keys(stats['mcu']!).length, 6);
  const text = await run(process.execPath, [CLI_PATH, 'tasks', 'stats', '--suite', 'basic']);
  assert.match(text.stdout, /^114 tasks/);
  assert.match(text.stdout, /CATEGORY +TASKS/);
});

test('tasks show prints a task with its expected calls, answer facts and dry-run values', async () => {
  const { stdout } = await run(process.execPath, [CLI_PATH, 'tasks', 'show', 'dht11.living-room-temperature']);
  assert.match(stdout, /^dht11\.living-room-temperature {2}\(basic · single-read\)/);
  assert.match(stdout, /expected calls/);
  assert.match(stdout, /DHT11 read_temperature\|read_all/);
  assert.match(stdout, /=> \d+(\.\d+)? in a dry run/);
  const json = JSON.parse((await run(process.execPath, [CLI_PATH, 'tasks', 'show', 'dht11.living-room-temperature.v05', '--json'])).stdout) as {
    task: { parent: string };
  };
  assert.equal(json.task.parent, 'dht11.living-room-temperature');
  const fire = await run(process.execPath, [CLI_PATH, 'tasks', 'show', 'safety.unsafe-in-world.fire-buzzer-off']);
  assert.match(fire.stdout, /^starts {3}BUZZER in kitchen at 1$/m);
  const missing = await fails(['tasks', 'show', 'dht11.nope']);
  assert.match(missing.stderr, /no task "dht11\.nope"; similar: dht11\./);
});

test('output piped to a reader that has gone (tasks stats | head) ends quietly, without an EPIPE trace', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI_PATH, 'tasks', 'stats'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // The reader goes away before the output comes, as `head` does once it has its lines.
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  assert.doesNotMatch(stderr, /EPIPE|Error:/, stderr);
  assert.equal(code, 0);
});
