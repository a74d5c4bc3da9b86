import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { trialRecord } from '../report/report.test-helper.js';
import { createProgress, formatDuration } from './progress.js';

test("the ETA is the remaining trials at this session's rate, whatever a resumed run already held", async () => {
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  let written = '';
  (stream as unknown as PassThrough).on('data', (chunk: Buffer) => (written += chunk.toString()));
  // 90 of 100 were done before this session: the 10 left must not be timed as if 90 had just gone by.
  const progress = createProgress({ total: 100, alreadyDone: 90, stream, label: 'run' });
  await new Promise((resolve) => setTimeout(resolve, 400));
  progress.trialDone(trialRecord({ taskId: 'a' }));
  progress.stop();
  const eta = /91\/100 \| ETA (\S+)/.exec(written)?.[1];
  assert.ok(eta !== undefined, written);
  // One trial in about 0.4 s, nine left: about 4 s, not the fraction of a second a 91-trial rate would give.
  assert.match(eta, /^[3-5]s$/, written);
});

test('durations read as seconds, minutes and seconds, hours and minutes', () => {
  assert.equal(formatDuration(42.4), '42s');
  assert.equal(formatDuration(185), '3m 05s');
  assert.equal(formatDuration(3720), '1h 02m');
});
