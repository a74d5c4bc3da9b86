import assert from 'node:assert/strict';
import { test } from 'node:test';
import { realClock } from './clock.js';

test('the real clock never fires a timer before it is due, and a cancelled timer never fires', async () => {
  const delays = [0.4, 1, 2.5, 3, 5, 7.3, 10, 12, 15, 20];
  const early: string[] = [];
  await Promise.all(
    delays.map(
      (delay) =>
        new Promise<void>((resolve) => {
          const set = realClock.now();
          realClock.setTimer(() => {
            const waited = realClock.now() - set;
            if (waited < delay) early.push(`${delay} ms fired after ${waited} ms`);
            resolve();
          }, delay);
        }),
    ),
  );
  assert.deepEqual(early, []);

  let fired = false;
  const timer = realClock.setTimer(() => (fired = true), 2);
  timer.cancel();
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(fired, false);
});
