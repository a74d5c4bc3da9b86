import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_FLEET_PATH, loadFleet } from '../../devices/fleet/fleet-file.js';
import { layoutOf } from '../../tasks/layout.js';
import { TaskSchema } from '../../tasks/schema.js';
import { DEFAULT_LAYOUT } from '../../tasks/task-fixtures.test-helper.js';
import { and, type BasicEntry, gt, last, mean, quantity, type SensorBank, say, sensor, series, type VariantEntry, which, yesNo } from './bank.js';
import { compileBank } from './compile.js';

const filler = (n: number, kind: VariantEntry['kind'], ref = 'main'): VariantEntry[] =>
  Array.from({ length: n }, (_, i): VariantEntry => {
    if (kind === 'ambiguification') {
      const styles = ['misspelled', 'colloquial', 'wordy', 'indirect'] as const;
      return { kind, style: styles[i]!, prompt: `bedroom temp? (${styles[i]})` };
    }
    if (kind === 'complexification') {
      const categories = ['conversion', 'threshold', 'aggregate'] as const;
      return { kind, category: categories[i]!, prompt: `complex ${i}`, answer: [say(last(ref), { convert: { from: 'C', to: 'F' } })] };
    }
    return {
      kind,
      category: 'cross-sensor',
      prompt: `integration ${i}`,
      with: { noise: sensor('KY-038', 'level', { place: 'bedroom' }) },
      answer: [say(last(ref)), say(last('noise'))],
    };
  });

function entry(overrides: Partial<BasicEntry> = {}): BasicEntry {
  return {
    key: 'bedroom-temperature',
    tool: 'read_temperature',
    world: { scenario: 'normal-day' },
    main: sensor('DHT11', 'temperature', { place: 'bedroom' }),
    prompt: 'How warm is the bedroom?',
    answer: [say(last('main'))],
    variants: [...filler(4, 'ambiguification'), ...filler(3, 'complexification'), ...filler(3, 'integration')],
    ...overrides,
  };
}

const bank = (...entries: BasicEntry[]): SensorBank => ({ sensor: 'DHT11', entries });

describe('compiling a bank entry into tasks', () => {
  test('the default layout used by task tests is the packaged default fleet', async () => {
    assert.deepEqual(layoutOf(await loadFleet(DEFAULT_FLEET_PATH)), DEFAULT_LAYOUT);
  });

  test('one basic task and ten complex ones, all passing the task schema', () => {
    const out = compileBank(bank(entry()), DEFAULT_LAYOUT);
    assert.deepEqual(out.errors, []);
    assert.equal(out.basic.length, 1);
    assert.equal(out.complex.length, 10);
    for (const task of [...out.basic, ...out.complex]) assert.ok(TaskSchema.safeParse(task).success, task.id);
    assert.equal(out.basic[0]!.id, 'dht11.bedroom-temperature');
    assert.equal(out.complex[9]!.id, 'dht11.bedroom-temperature.v10');
    assert.equal(out.complex[0]!.parent, 'dht11.bedroom-temperature');
  });

  test('a sensor on several boards must be read by place or board id, with either tool that returns the field', () => {
    const [task] = compileBank(bank(entry()), DEFAULT_LAYOUT).basic;
    const options = task!.expect.calls[0]!.any_of;
    assert.deepEqual([...new Set(options.map((o) => o.tool))], ['read_temperature', 'read_all']);
    for (const option of options) {
      const byPlace = option.args.place?.optional !== true && option.args.place?.one_of?.[0] === 'bedroom';
      const byBoard = option.args.mcu?.optional !== true && option.args.mcu?.one_of?.[0] === 'esp32c6-bedroom';
      assert.ok(byPlace !== byBoard, JSON.stringify(option.args));
    }
  });

  test('a quantity accepts every sensor measuring it in that place', () => {
    const out = compileBank(
      bank(
        entry({
          variants: [
            ...filler(4, 'ambiguification'),
            ...filler(3, 'complexification'),
            ...filler(2, 'integration'),
            {
              kind: 'integration',
              category: 'cross-place',
              prompt: 'Which is warmer, the bedroom or the workshop?',
              with: { workshop: quantity('air-temperature', 'workshop') },
              answer: [
                which(
                  'max',
                  [
                    { label: 'bedroom', phrases: ['bedroom'], value: last('main') },
                    { label: 'workshop', phrases: ['workshop'], value: last('workshop') },
                  ],
                  ['warmer'],
                ),
              ],
            },
          ],
        }),
      ),
      DEFAULT_LAYOUT,
    );
    assert.deepEqual(out.errors, []);
    const task = out.complex[9]!;
    const workshop = task.expect.calls.find((c) => c.id === 'workshop')!;
    assert.deepEqual([...new Set(workshop.any_of.map((o) => o.sensor))], ['TMP36']);
    assert.deepEqual(task.places, ['bedroom', 'workshop']);
    assert.equal(task.expect.answer[0]!.kind, 'choice');
  });

  test('a series asks for its interval and duration, and a single read forbids long series', () => {
    const out = compileBank(
      bank(entry({ main: sensor('DHT11', 'temperature', { place: 'bedroom', sampling: series(0.5, 3) }), answer: [say(mean('main'))] })),
      DEFAULT_LAYOUT,
    );
    const args = out.basic[0]!.expect.calls[0]!.any_of[0]!.args;
    assert.deepEqual(args.interval, { one_of: [0.5], tol: 0.001 });
    assert.deepEqual(args.duration, { one_of: [3], tol: 0.001 });
    assert.equal(out.basic[0]!.category, 'series');
    assert.deepEqual(out.basic[0]!.expect.forbidden, []);
    const single = compileBank(bank(entry()), DEFAULT_LAYOUT).basic[0]!;
    assert.ok(single.expect.forbidden.some((f) => f.args?.real_time?.one_of?.[0] === true));
  });

  test('units and tolerances follow the field table and conversions', () => {
    const out = compileBank(bank(entry()), DEFAULT_LAYOUT);
    const basicFact = out.basic[0]!.expect.answer[0]!;
    assert.ok(basicFact.kind === 'number' && basicFact.unit === 'C' && basicFact.tol.abs === 0.6);
    const converted = out.complex[4]!.expect.answer[0]!;
    assert.ok(converted.kind === 'number' && converted.unit === 'F' && Math.abs(converted.tol.abs - 1.08) < 1e-9, JSON.stringify(converted));
  });

  test('only the calls the answer needs are required', () => {
    const out = compileBank(
      bank(
        entry({
          tool: 'read_all',
          main: sensor('DHT11', ['temperature', 'humidity'], { place: 'bedroom' }),
          answer: [say(last('main.temperature')), say(last('main.humidity'))],
          variants: [...filler(4, 'ambiguification'), ...filler(3, 'complexification', 'main.temperature'), ...filler(3, 'integration', 'main.temperature')],
        }),
      ),
      DEFAULT_LAYOUT,
    );
    assert.deepEqual(out.errors, []);
    assert.deepEqual(
      out.basic[0]!.expect.calls.map((c) => c.id),
      ['main.temperature', 'main.humidity'],
    );
    // The conversion variant states only the temperature, so a humidity read is not required there.
    assert.deepEqual(
      out.complex[4]!.expect.calls.map((c) => c.id),
      ['main.temperature'],
    );
  });

  test('a flag is also accepted through the pin level that defines it', () => {
    const flagVariants = [...filler(4, 'ambiguification'), ...filler(3, 'integration')].map((v, i) =>
      v.kind === 'integration' ? { ...v, answer: [yesNo(last('main')), say(last('noise'))] } : { ...v, prompt: `is the beam blocked? (${i})` },
    );
    const complexVariants: VariantEntry[] = (['threshold', 'condition', 'aggregate'] as const).map((category) => ({
      kind: 'complexification',
      category,
      prompt: `beam ${category}`,
      answer: [yesNo(last('main'))],
    }));
    const flag: SensorBank = {
      sensor: 'KY-010',
      entries: [
        entry({
          key: 'beam',
          tool: 'is_blocked',
          main: sensor('KY-010', 'blocked'),
          prompt: 'Is the kitchen light barrier blocked?',
          answer: [yesNo(last('main'))],
          variants: [...flagVariants.slice(0, 4), ...complexVariants, ...flagVariants.slice(4)],
        }),
      ],
    };
    const out = compileBank(flag, DEFAULT_LAYOUT);
    assert.deepEqual(out.errors, []);
    const options = out.basic[0]!.expect.calls[0]!.any_of;
    assert.deepEqual(
      options.map((o) => [o.tool, o.bind['main']]),
      [
        ['is_blocked', 'blocked'],
        ['read_all', 'blocked'],
        ['read_state', { field: 'raw', is: { cmp: 'eq', value: 1 } }],
      ],
    );
    const fact = out.basic[0]!.expect.answer[0]!;
    assert.ok(fact.kind === 'boolean' && fact.yes.includes('blocked') && fact.no.includes('clear'));
  });

  test('problems name the entry and variant: unknown tool, missing place, bad refs, missing verdict phrases', () => {
    const bad = entry({
      key: 'broken',
      tool: 'read_pressure',
      variants: [
        ...filler(4, 'ambiguification'),
        { kind: 'complexification', category: 'threshold', prompt: 'Is it hot and humid?', answer: [yesNo(and(gt(last('main'), 25), gt(last('humid'), 60)))] },
        {
          kind: 'complexification',
          category: 'conversion',
          prompt: 'Living room temp in F?',
          with: { living: sensor('DHT11', 'temperature') },
          answer: [say(last('living'))],
        },
        ...filler(1, 'complexification'),
        ...filler(3, 'integration'),
      ],
    });
    const { errors } = compileBank(bank(bad), DEFAULT_LAYOUT);
    assert.ok(
      errors.some((e) => e.startsWith('dht11.broken: "read_pressure" is not an MCP tool of DHT11')),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('dht11.broken.v05 (complexification threshold)') && /"humid" names no measure/.test(e)),
      errors.join('\n'),
    );
    assert.ok(
      errors.some((e) => e.startsWith('dht11.broken.v06 (complexification conversion)') && /DHT11 is in living-room and bedroom; give the place/.test(e)),
      errors.join('\n'),
    );
  });

  test('the variant mix is enforced: 4 ambiguification (one misspelled), 3 complexification, 3 integration', () => {
    const { errors } = compileBank(bank(entry({ variants: filler(4, 'ambiguification') })), DEFAULT_LAYOUT);
    assert.ok(errors.some((e) => /needs exactly 10 variants/.test(e)));
  });
});
