import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { announceOf, FakeBoard, openTestPool } from './fake-board.test-helper.js';
import { DEFAULT_MAX_ANONYMOUS_MCUS } from './registry.js';

/** A regression here waits for a line or a log that never comes: fail, do not hang. */
const TEST_TIMEOUT_MS = 15_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('one process announcing many ids cannot grow what the datapool keeps without limit', () => {
  test('past the anonymous cap the longest-offline anonymous boards are forgotten and their waiting commands fail; proven boards stay', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    assert.equal(DEFAULT_MAX_ANONYMOUS_MCUS, 1024);
    const { pool, board, logs } = await openTestPool(t, {
      devices: { maxAnonymousMcus: 5, deviceKeys: new Map([['esp-keyed', 'esp-keyed-key']]) },
    });
    const keyed = await board(announceOf('esp-keyed', ['DHT11'], { token: 'esp-keyed-key' }));
    keyed.close();
    await logs.waitFor(/"esp-keyed" offline/);

    let waiting: string | undefined;
    for (let i = 0; i < 8; i++) {
      const ghost = await board(announceOf(`ghost-${i}`, ['DHT11'], { place: 'kitchen' }));
      ghost.close();
      await logs.waitFor(new RegExp(`"ghost-${i}" offline`));
      if (i === 0) waiting = (await pool.submit({ sensor: 'DHT11', mcu: 'ghost-0', ttlMs: 60_000 })).id;
    }
    // One still online is never forgotten, whatever the count.
    await board(announceOf('ghost-8'));

    const known = (await pool.mcus()).map((m) => [m.id, m.online, m.anonymous === true]);
    assert.deepEqual(known, [
      ['esp-keyed', false, false],
      ['ghost-4', false, true],
      ['ghost-5', false, true],
      ['ghost-6', false, true],
      ['ghost-7', false, true],
      ['ghost-8', true, true],
    ]);
    const ended = await pool.wait(waiting!, { timeoutMs: 2000 });
    assert.equal(ended.state, 'failed');
    assert.equal(ended.error?.code, 'device-offline');
    assert.match(ended.error?.message ?? '', /MCU "ghost-0" is forgotten: it proved nothing/);
    // Said by the sweep, one line for however many announces since the last: a flood is not a log flood.
    const first = await logs.waitFor(/anonymous MCU\(s\), the longest offline/);
    assert.match(first.message, /^forgot \d anonymous MCU\(s\), the longest offline, to keep at most 5 known: ghost-0/);
    await sleep(500);
    const said = logs.lines.map((l) => /^forgot (\d+) anonymous/.exec(l.message)?.[1]).filter((n) => n !== undefined);
    assert.equal(
      said.reduce((sum, n) => sum + Number(n), 0),
      4,
    );
  });

  test('an announce with too many sensors, a too long sensor name or a too long field is refused with an error line', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    const { pool, port, board } = await openTestPool(t);
    const refusals: [Record<string, unknown>, RegExp][] = [
      [
        announceOf(
          'too-many',
          Array.from({ length: 65 }, (_, i) => `S${i}`),
        ),
        /^refused: available_sensors may list at most 64 sensors, each name at most 64 characters$/,
      ],
      [announceOf('long-name', ['DHT11', 'x'.repeat(65)]), /^refused: available_sensors may list at most 64 sensors/],
      [announceOf('long-place', ['DHT11'], { place: 'p'.repeat(129) }), /^refused: place may be at most 128 characters, got 129$/],
      [announceOf('long-model', ['DHT11'], { model: 'm'.repeat(129) }), /^refused: model may be at most 128 characters/],
      [announceOf('long-firmware', ['DHT11'], { firmware: 'f'.repeat(129) }), /^refused: firmware may be at most 128 characters/],
      [announceOf('i'.repeat(129)), /^refused: mcu may be at most 128 characters/],
    ];
    for (const [announce, error] of refusals) {
      const refused = await FakeBoard.connect(port, announce);
      t.after(() => refused.close());
      assert.match(String((await refused.line(0))['error']), error);
      await refused.closed;
    }
    assert.deepEqual(await pool.mcus(), []);

    const sensors = ['DHT11', ...Array.from({ length: 63 }, (_, i) => `S${i}`.padEnd(64, 'z'))];
    await board(announceOf('i'.repeat(128), sensors, { place: 'p'.repeat(128), model: 'm'.repeat(128), firmware: 'f'.repeat(128) }));
    const [kept] = await pool.mcus();
    assert.equal(kept?.place, 'p'.repeat(128));
    assert.deepEqual(kept?.sensors, ['DHT11']);
    assert.equal(kept?.unknownSensors.length, 63);
  });

  test('after a restart a stored board is forgotten --forget-after from when it was last seen, not from the restart', {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'datapool-forget-restart-'));
    const forgetAfterMs = 1500;
    const first = await openTestPool(t, { devices: { forgetAfterMs } }, dir);
    const esp = await first.board(announceOf('esp-stored'));
    esp.close();
    await first.logs.waitFor(/"esp-stored" offline/);
    await first.pool.close();
    await sleep(forgetAfterMs + 100);

    const second = await openTestPool(t, { devices: { forgetAfterMs } }, dir);
    t.after(() => rm(dir, { recursive: true, force: true }));
    // One sweep (a fifth of the 2 s handshake timeout) is enough; the restart must not give it 1.5 s more.
    await sleep(700);
    assert.deepEqual(await second.pool.mcus(), []);
    assert.equal(second.logs.count(/forgot 1 MCU\(s\) offline for over 1\.5 s: esp-stored$/), 1);
  });
});
