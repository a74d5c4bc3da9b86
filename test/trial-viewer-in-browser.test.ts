import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { cli, readRun } from './run-command.test-helper.js';

/**
 * The trial viewer in a real browser (Debian's chromium, headless): the file opens from disk, shows the run,
 * filters to the failures, and shows a picked trial's prompt, tool calls, answer and the check that failed.
 */

const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path !== undefined && existsSync(path));

async function launch(): Promise<Browser> {
  if (CHROMIUM === undefined) throw new Error('no chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH');
  return puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
}

test("the trial viewer opens from disk, filters to failures and shows a trial's transcript and failed check", { timeout: 180_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-view-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const baseline = join(dir, 'baseline');
  const oracle = join(dir, 'oracle');
  const common = ['run', '--filter', '/^(dht11|ky-020)\\./', '--device-speed', '50', '--no-progress'];
  assert.equal((await cli([...common, '--out', baseline])).code, 0);
  assert.equal((await cli([...common, '--provider', 'oracle', '--out', oracle])).code, 0);
  const { trials } = await readRun(baseline);
  const failed = trials.filter((trial) => trial.outcome === 'failure');
  assert.ok(failed.length > 0 && failed.length < trials.length, 'the sample has both verdicts');

  const single = await cli(['view', baseline]);
  assert.equal(single.code, 0, single.stderr);
  const both = join(dir, 'both.html');
  assert.equal((await cli(['view', baseline, oracle, '--out', both])).code, 0);

  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(pathToFileURL(join(baseline, 'view.html')).href);
  assert.match(await page.$eval('#summary', (e) => e.textContent ?? ''), /success \d+\.\d%/);
  assert.equal(await page.$$eval('#trials tbody tr', (rows) => rows.length), trials.length);

  await page.select('#f-outcome', 'failure');
  const rows = await page.$$eval('#trials tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-key')));
  assert.deepEqual([...rows].sort(), failed.map((trial) => trial.key).sort(), 'exactly the failed trials');
  assert.match(await page.$eval('#shown', (e) => e.textContent ?? ''), new RegExp(`^${failed.length} of ${trials.length} trials$`));

  const pick = failed[0]!;
  await page.click(`#trials tbody tr[data-key="${pick.key}"]`);
  const detail = await page.$eval('#detail', (e) => e.textContent ?? '');
  const prompt = pick.messages.find((m) => m.role === 'user')!.content;
  assert.ok(detail.includes(prompt), 'the prompt is shown');
  for (const call of pick.toolCalls) assert.ok(detail.includes(call.name), `the call ${call.name} is shown`);
  assert.match(detail, /✗ /, 'a failed check is marked');
  const reason = pick.score!.answer.facts.find((fact) => !fact.ok)?.reason ?? pick.score!.calls.failures[0]?.message;
  assert.ok(reason !== undefined && detail.includes(reason), 'and says why it failed');
  if (pick.toolCalls.some((call) => call.latency !== undefined)) assert.ok((await page.$$('#detail .wf span')).length > 0, 'a latency waterfall per tool call');

  // Sorting by time puts the slowest first on a second click.
  await page.select('#f-outcome', '');
  await page.click('#trials th[data-key="latencyMs"]');
  await page.click('#trials th[data-key="latencyMs"]');
  const times = await page.$$eval('#trials tbody tr td:nth-child(9)', (tds) => tds.map((td) => Number(td.textContent)));
  assert.deepEqual(
    times,
    [...times].sort((a, b) => b - a),
  );

  // Two runs: the picked trial beside the same task in the other run.
  await page.goto(`${pathToFileURL(both).href}#${encodeURIComponent(pick.key)}`);
  assert.equal(await page.$$eval('#detail .trial', (boxes) => boxes.length), 2);
  assert.match(await page.$eval('#detail', (e) => e.textContent ?? ''), /expected-calls: success/);
  assert.deepEqual(errors, [], 'no script error on the page');
});
