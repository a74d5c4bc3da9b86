import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Bindings, evaluate, refsOf, typeOf } from './expression.js';
import type { Expr } from './schema.js';

const bindings: Bindings = new Map<string, (number | boolean | string)[]>([
  ['t', [20, 22, 27, 23]],
  ['motion', [false, true, true, false]],
  ['rom', ['28F79B36D8EA95EF']],
  ['empty', []],
]);

function value(expr: Expr) {
  const result = evaluate(expr, bindings);
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result.value;
}

describe('expressions over a trial’s readings', () => {
  test('aggregates a series the way an answer would state it', () => {
    assert.equal(value({ ref: 't', agg: 'last' }), 23);
    assert.equal(value({ ref: 't', agg: 'first' }), 20);
    assert.equal(value({ ref: 't', agg: 'mean' }), 23);
    assert.equal(value({ ref: 't', agg: 'median' }), 22.5);
    assert.equal(value({ ref: 't', agg: 'min' }), 20);
    assert.equal(value({ ref: 't', agg: 'max' }), 27);
    assert.equal(value({ ref: 't', agg: 'range' }), 7);
    assert.equal(value({ ref: 't', agg: 'delta' }), 3);
    assert.equal(value({ ref: 't', agg: 'sum' }), 92);
    assert.equal(value({ ref: 't', agg: 'count' }), 4);
  });

  test('filters samples before counting them', () => {
    assert.equal(value({ ref: 't', agg: 'count', where: { cmp: 'gt', value: 21 } }), 3);
    assert.equal(value({ ref: 'motion', agg: 'fraction', where: { cmp: 'eq', value: true } }), 0.5);
    assert.equal(value({ ref: 't', agg: 'any', where: { cmp: 'ge', value: 27 } }), true);
    assert.equal(value({ ref: 't', agg: 'all', where: { cmp: 'ge', value: 27 } }), false, 'not every sample is 27 or more');
    assert.equal(value({ ref: 't', agg: 'all', where: { cmp: 'ge', value: 20 } }), true);
    assert.equal(value({ ref: 't', agg: 'none', where: { cmp: 'gt', value: 30 } }), true);
  });

  test('answers yes/no questions about boolean series', () => {
    assert.equal(value({ ref: 'motion', agg: 'any' }), true);
    assert.equal(value({ ref: 'motion', agg: 'all' }), false);
    assert.equal(value({ ref: 'motion', agg: 'none' }), false);
  });

  test('converts units and does arithmetic and logic', () => {
    assert.ok(Math.abs((value({ convert: { ref: 't', agg: 'last' }, from: 'C', to: 'F' }) as number) - 73.4) < 1e-9);
    assert.ok(Math.abs((value({ convert: { const: 300 }, from: 'K', to: 'C' }) as number) - 26.85) < 1e-9);
    assert.ok(Math.abs((value({ convert: { const: 100 }, from: 'cm', to: 'in' }) as number) - 39.3701) < 1e-3);
    assert.equal(value({ convert: { const: 0.25 }, from: 'fraction', to: '%' }), 25);
    assert.equal(
      value({
        op: 'sub',
        args: [
          { ref: 't', agg: 'max' },
          { ref: 't', agg: 'min' },
        ],
      }),
      7,
    );
    assert.equal(
      value({
        op: 'and',
        args: [
          { op: 'gt', args: [{ ref: 't', agg: 'last' }, { const: 22 }] },
          { ref: 'motion', agg: 'any' },
        ],
      }),
      true,
    );
    assert.equal(value({ op: 'round', args: [{ const: 2.345 }, { const: 1 }] }), 2.3);
  });

  test('picks the label of the largest or smallest value', () => {
    const of = [
      { label: 'kitchen', value: { ref: 't', agg: 'max' } as Expr },
      { label: 'garage', value: { const: 25 } as Expr },
    ];
    assert.equal(value({ pick: 'max', of }), 'kitchen');
    assert.equal(value({ pick: 'min', of }), 'garage');
  });

  test('if evaluates only the branch it takes, so a skipped call does not make it fail', () => {
    const expr: Expr = { op: 'if', args: [{ const: false }, { ref: 'never-bound', agg: 'last' }, { const: 1 }] };
    assert.equal(value(expr), 1);
  });

  test('what cannot be computed is an error value that says why, never a throw', () => {
    const missing = evaluate({ ref: 'humidity', agg: 'last' }, bindings);
    assert.equal(missing.ok, false);
    assert.match(missing.ok ? '' : missing.error, /no reading bound to "humidity"/);
    const empty = evaluate({ ref: 'empty', agg: 'mean' }, bindings);
    assert.match(empty.ok ? '' : empty.error, /no samples/);
    const zero = evaluate({ op: 'div', args: [{ const: 1 }, { const: 0 }] }, bindings);
    assert.match(zero.ok ? '' : zero.error, /division by zero/);
    const notNumbers = evaluate({ ref: 'rom', agg: 'mean' }, bindings);
    assert.match(notNumbers.ok ? '' : notNumbers.error, /needs numbers/);
  });
});

describe('static typing of expressions', () => {
  const types = new Map([
    ['t', 'number' as const],
    ['motion', 'boolean' as const],
    ['rom', 'string' as const],
  ]);

  test('infers the type an expression yields', () => {
    assert.deepEqual(typeOf({ ref: 't', agg: 'mean' }, types), { ok: true, type: 'number' });
    assert.deepEqual(typeOf({ op: 'gt', args: [{ ref: 't', agg: 'last' }, { const: 3 }] }, types), { ok: true, type: 'boolean' });
    assert.deepEqual(typeOf({ ref: 'rom', agg: 'last' }, types), { ok: true, type: 'string' });
    assert.deepEqual(
      typeOf(
        {
          pick: 'max',
          of: [
            { label: 'a', value: { const: 1 } },
            { label: 'b', value: { const: 2 } },
          ],
        },
        types,
      ),
      { ok: true, type: 'string' },
    );
  });

  test('rejects expressions no trial could compute, naming the problem', () => {
    const cases: [Expr, RegExp][] = [
      [{ ref: 'humidity', agg: 'last' }, /"humidity" is not bound/],
      [{ ref: 'motion', agg: 'mean' }, /mean of "motion" needs numbers/],
      [{ ref: 't', agg: 'any' }, /needs booleans or a filter/],
      [{ ref: 't', agg: 'fraction' }, /needs a filter/],
      [{ op: 'gt', args: [{ ref: 'motion', agg: 'last' }, { const: 1 }] }, /gt needs numbers/],
      [{ op: 'sub', args: [{ const: 1 }] }, /sub takes 2 arguments/],
      [{ convert: { ref: 't', agg: 'last' }, from: 'C', to: 'cm' }, /cannot convert C to cm/],
      [{ op: 'if', args: [{ const: true }, { const: 1 }, { const: 'x' }] }, /if branches differ/],
    ];
    for (const [expr, message] of cases) {
      const result = typeOf(expr, types);
      assert.equal(result.ok, false, JSON.stringify(expr));
      assert.match(result.ok ? '' : result.error, message);
    }
  });

  test('lists every name an expression reads', () => {
    const expr: Expr = {
      op: 'and',
      args: [
        { ref: 'a', agg: 'any' },
        {
          pick: 'max',
          of: [
            { label: 'x', value: { ref: 'b', agg: 'last' } },
            { label: 'y', value: { convert: { ref: 'c', agg: 'last' }, from: 'C', to: 'F' } },
          ],
        },
      ],
    };
    assert.deepEqual([...refsOf(expr)].sort(), ['a', 'b', 'c']);
  });
});
