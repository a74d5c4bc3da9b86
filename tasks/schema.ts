import { z } from 'zod';

/**
 * The task format of IoT-MCP Bench, version 1. A task is data: the world it runs in, what the user asks,
 * and what a correct trial looks like. Everything a scorer needs is here, and every expected value is an
 * expression over the readings the devices return in the trial, never a constant, so a task stays checkable
 * against noisy emulated boards and real ones alike.
 *
 * tasks/README.md explains the format with examples; tasks/task.schema.json is this schema as JSON Schema.
 */

/**
 * 2: answer facts say what their value is about (`about`: quantity, place, sensor, part, statistic), so an
 * answer's number counts only where it is stated about that; choices may name the other extreme
 * (`inverse_cues`); a share keeps its unit "fraction".
 */
export const TASK_FORMAT_VERSION = 2;

const name = z.string().min(1);
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" or "-", starting with a letter or digit');

/** How a series of values turns into one value. `fraction` is count-where over count. */
export const AGGREGATES = ['first', 'last', 'mean', 'median', 'min', 'max', 'sum', 'count', 'fraction', 'range', 'delta', 'any', 'all', 'none'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export const COMPARISONS = ['gt', 'ge', 'lt', 'le', 'eq', 'ne'] as const;
export type Comparison = (typeof COMPARISONS)[number];

export const OPERATORS = ['add', 'sub', 'mul', 'div', 'min', 'max', 'abs', 'neg', 'round', ...COMPARISONS, 'and', 'or', 'not', 'if'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Units an expression converts between (see tasks/units.ts for the factors). */
export const UNITS = ['C', 'F', 'K', 'cm', 'mm', 'm', 'in', 'ft', 'm/s2', 'g', 'V', 'mV', 'mT', 'G', 'uT', 'deg', 'rad', 'lux', 'fc', '%', 'fraction'] as const;
export type Unit = (typeof UNITS)[number];

export type Scalar = number | boolean | string;

/**
 * A value computed from a trial's readings:
 * - `{ref, agg}`: the values a bound field took over the samples of its call, aggregated (`where` filters
 *   the samples first: `{ref: "d", agg: "count", where: {cmp: "lt", value: 30}}`);
 * - `{const}`; `{op, args}`: arithmetic, comparison, logic, `if(cond, a, b)`;
 * - `{convert, from, to}`: a unit conversion; `{pick: "max"|"min", of}`: the label of the largest/smallest.
 */
export type Expr =
  | { ref: string; agg: Aggregate; where?: { cmp: Comparison; value: number | boolean } | undefined }
  | { const: Scalar }
  | { op: Operator; args: Expr[] }
  | { convert: Expr; from: Unit; to: Unit }
  | { pick: 'max' | 'min'; of: { label: string; value: Expr }[] };

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.strictObject({
      ref: name,
      agg: z.enum(AGGREGATES),
      where: z.strictObject({ cmp: z.enum(COMPARISONS), value: z.union([z.number(), z.boolean()]) }).optional(),
    }),
    z.strictObject({ const: z.union([z.number(), z.boolean(), z.string()]) }),
    z.strictObject({ op: z.enum(OPERATORS), args: z.array(ExprSchema).min(1) }),
    z.strictObject({ convert: ExprSchema, from: z.enum(UNITS), to: z.enum(UNITS) }),
    z.strictObject({
      pick: z.enum(['max', 'min']),
      of: z.array(z.strictObject({ label: name, value: ExprSchema })).min(2),
    }),
  ]),
);

/**
 * Which values of one tool argument are right. Absent means the server default applies: that is right only
 * when `optional` is true. An argument with no rule may take any value.
 */
export const ArgRuleSchema = z
  .strictObject({
    one_of: z
      .array(z.union([z.number(), z.boolean(), z.string()]))
      .min(1)
      .optional(),
    /** Numbers within this much of a `one_of` value match. */
    tol: z.number().nonnegative().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    optional: z.boolean().optional(),
  })
  .describe('acceptable values of one argument; place names compare ignoring case, spaces, "-" and "_"');
export type ArgRule = z.infer<typeof ArgRuleSchema>;

export const TOOL_ARGUMENTS = ['interval', 'duration', 'real_time', 'mcu', 'place'] as const;
const ArgRulesSchema = z.partialRecord(z.enum(TOOL_ARGUMENTS), ArgRuleSchema);
export type ArgRules = z.infer<typeof ArgRulesSchema>;

/**
 * What a call binds to a name: a reply field path, or a field read as yes/no through a comparison, so a
 * question answered by a flag ("is the beam blocked?") also accepts the pin level that means the same
 * (`{"field": "raw", "is": {"cmp": "eq", "value": 1}}`).
 */
export const BindingSchema = z.union([
  name,
  z.strictObject({ field: name, is: z.strictObject({ cmp: z.enum(COMPARISONS), value: z.union([z.number(), z.boolean()]) }) }),
]);
export type Binding = z.infer<typeof BindingSchema>;

/** One acceptable way to make a required call, and which reply fields it binds to names. */
export const CallOptionSchema = z.strictObject({
  /** Canonical sensor type name ("HC-SR04"). */
  sensor: name,
  /** The sensor's MCP tool ("read_distance"); hosts may prefix it ("hc_sr04_read_distance"). */
  tool: name,
  args: ArgRulesSchema,
  /** Binding name -> reply field path ("temperature", "accel.x", "temperatures[1]", "alarmed_roms.length"). */
  bind: z.record(name, BindingSchema),
});
export type CallOption = z.infer<typeof CallOptionSchema>;

/**
 * A call the trial must make, in any order relative to the others: any one of its options satisfies it.
 * One actual call may satisfy several expected calls (a `read_all` answers both temperature and humidity).
 */
export const ExpectedCallSchema = z.strictObject({
  /** The name it binds ("main", "bedroom.humidity", "temps.temperatures[1]"). */
  id: name,
  says: z.string().min(1),
  /** Required only when this holds over the other calls' bindings (a conditional follow-up). */
  when: ExprSchema.optional(),
  any_of: z.array(CallOptionSchema).min(1),
});
export type ExpectedCall = z.infer<typeof ExpectedCallSchema>;

/** A call that must not be made: every given constraint matching makes it forbidden. */
export const ForbiddenCallSchema = z.strictObject({
  sensor: name.optional(),
  tool: name.optional(),
  args: ArgRulesSchema.optional(),
  reason: z.string().min(1),
});
export type ForbiddenCall = z.infer<typeof ForbiddenCallSchema>;

/**
 * What a value is about, in the vocabulary an answer is read with (bench/scoring/answer/lexicon.ts): the
 * quantity and part of a reading, the places and sensor types it comes from, and which statistic of the
 * samples it is. An answer states a fact only by a number it binds to this referent in its own sentence
 * ("the living room is 31 C", "lowest: 30 C"), never by a number that merely appears somewhere.
 */
export const QUANTITIES = [
  'temperature',
  'humidity',
  'light',
  'uv-index',
  'sound-level',
  'distance',
  'acceleration',
  'rotation-rate',
  'angle',
  'voltage',
  'raw',
  'moisture',
  'magnetic-field',
  'pin-level',
  'resolution',
  'alarm-threshold',
  'alarm-count',
  'rom-code',
  'scratchpad',
  'duration',
] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** Which part of a reading: an axis, an angle, a probe of a 1-Wire bus, an alarm bound, a pin, a light channel. */
export const PARTS = ['x', 'y', 'z', 'pitch', 'roll', 'air-probe', 'soil-probe', 'high', 'low', 'clk', 'dt', 'switch', 'uv', 'visible'] as const;
export type Part = (typeof PARTS)[number];

/**
 * Which value of the samples: `reading` is a single sample (no statistic to name); the others must be named
 * in the answer ("average", "lowest", "changed by", "3 of the 8 samples"). `total` is how many samples came
 * back, `count` how many met a condition, `share` that as a percentage, `difference` a gap between two values
 * or from a stated figure, `ratio` one value over another, `derived` a value computed by a formula the
 * prompt gives.
 */
export const STATS = [
  'reading',
  'first',
  'last',
  'mean',
  'median',
  'min',
  'max',
  'range',
  'delta',
  'sum',
  'count',
  'total',
  'share',
  'difference',
  'ratio',
  'derived',
] as const;
export type Stat = (typeof STATS)[number];

export const ReferentSchema = z.strictObject({
  quantity: z.enum(QUANTITIES).optional(),
  parts: z.array(z.enum(PARTS)).min(1).optional(),
  /** Place ids of the readings it comes from. */
  places: z.array(name).min(1).optional(),
  /** Canonical sensor types that may have given the readings. */
  sensors: z.array(name).min(1).optional(),
  /** Absent: a single reading. */
  stat: z.enum(STATS).optional(),
  /** Further phrases that name this value ("gap", "apart"); any one of them counts as naming it. */
  words: z.array(z.string().min(1)).min(1).optional(),
  /** Phrases that name its opposite: a count of blocked samples is not one said to be "clear". */
  unlike: z.array(z.string().min(1)).min(1).optional(),
});
export type Referent = z.infer<typeof ReferentSchema>;

const factBase = {
  id,
  /** What the fact is, for people reading a failed check. */
  says: z.string().min(1),
  /** The fact is required only when this holds. */
  when: ExprSchema.optional(),
};

/** A phrase list: case-insensitive, matched on word boundaries. */
const phrases = z.array(z.string().min(1)).min(1);

/**
 * What the final answer must state (bench/scoring/answer/ reads it; tasks/README.md has the rules in full):
 * - `number`: a number bound to its referent (`about`) in the answer's own sentence, within `tol` (absolute,
 *   or relative to the value's size, whichever is larger) after converting the unit the answer states; two
 *   different values stated for one referent fail it;
 * - `boolean`: `yes` phrases state the value is true, `no` phrases that it is false, each read in its own
 *   sentence with the negations that govern it ("there's no sign of motion"); stating both fails it;
 * - `choice`: the option a `cues` phrase names ("the garden is warmer"), or the other one an `inverse_cues`
 *   phrase names ("the living room is cooler"); naming two fails it;
 * - `text`: the value's text (case-insensitive), e.g. a ROM code, stated about its referent;
 * - `mentions`: at least one of the phrases (the substance of advice).
 */
export const AnswerFactSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...factBase,
    kind: z.literal('number'),
    value: ExprSchema,
    tol: z.strictObject({ abs: z.number().nonnegative(), rel: z.number().nonnegative().optional() }),
    unit: z.string().optional(),
    about: ReferentSchema,
  }),
  z.strictObject({ ...factBase, kind: z.literal('boolean'), value: ExprSchema, yes: phrases, no: phrases, about: ReferentSchema.optional() }),
  z.strictObject({
    ...factBase,
    kind: z.literal('choice'),
    value: ExprSchema,
    options: z.record(name, phrases),
    cues: phrases,
    /** Words naming the opposite extreme ("cooler" when the cue is "warmer"): the option they name is not the pick. */
    inverse_cues: phrases.optional(),
  }),
  z.strictObject({ ...factBase, kind: z.literal('text'), value: ExprSchema, about: ReferentSchema }),
  z.strictObject({ ...factBase, kind: z.literal('mentions'), any: phrases }),
]);
export type AnswerFact = z.infer<typeof AnswerFactSchema>;

export const SUITES = ['basic', 'complex'] as const;
export const VARIANTS = ['ambiguification', 'complexification', 'integration'] as const;
export const STYLES = ['indirect', 'colloquial', 'misspelled', 'wordy', 'goal-only'] as const;
export const CATEGORIES = [
  // basic
  'single-read',
  'series',
  'real-time',
  // complexification
  'conversion',
  'threshold',
  'condition',
  'comparison',
  'aggregate',
  // ambiguification keeps its parent's category; goal-only and indirect advice tasks use:
  'advice',
  // integration
  'cross-sensor',
  'cross-place',
] as const;
export type Suite = (typeof SUITES)[number];
export type Variant = (typeof VARIANTS)[number];
export type Style = (typeof STYLES)[number];
export type Category = (typeof CATEGORIES)[number];

export const WorldSchema = z.strictObject({
  scenario: name,
  /** World time of the trial's first command, ISO 8601 UTC. */
  time: z.iso.datetime(),
  seed: z.number().int().nonnegative(),
});

export const TaskSchema = z
  .strictObject({
    version: z.literal(TASK_FORMAT_VERSION, {
      error: (issue) =>
        issue.input === 1
          ? 'task format version 1 is no longer read: version 2 adds "about" to number and text facts (what the value is about); see tasks/README.md'
          : `version must be ${TASK_FORMAT_VERSION}`,
    }),
    id,
    suite: z.enum(SUITES),
    /** Complex tasks: the basic task this one varies. */
    parent: id.optional(),
    variant: z.enum(VARIANTS).optional(),
    /** Ambiguification tasks: how the request is blurred. */
    style: z.enum(STYLES).optional(),
    category: z.enum(CATEGORIES),
    /** Canonical names of the sensor types the task involves. */
    sensors: z.array(name).min(1),
    /** Places the task asks about. */
    places: z.array(name),
    /** The tools this task exists to exercise, "SENSOR/tool" (coverage is counted on these). */
    tools: z.array(z.string().regex(/^[^/]+\/[^/]+$/, 'SENSOR/tool')).min(1),
    world: WorldSchema,
    prompt: z.string().min(1),
    expect: z.strictObject({
      calls: z.array(ExpectedCallSchema).min(1),
      forbidden: z.array(ForbiddenCallSchema),
      /** Most model turns that may call tools before the final answer. */
      max_steps: z.number().int().positive(),
      answer: z.array(AnswerFactSchema).min(1),
    }),
  })
  .superRefine((task, ctx) => {
    if (task.suite === 'complex') {
      if (task.parent === undefined) ctx.addIssue({ code: 'custom', path: ['parent'], message: 'a complex task needs its parent basic task' });
      if (task.variant === undefined) ctx.addIssue({ code: 'custom', path: ['variant'], message: 'a complex task needs a variant kind' });
    } else {
      for (const key of ['parent', 'variant', 'style'] as const) {
        if (task[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a basic task has no ${key}` });
      }
    }
    if (task.variant === 'ambiguification' && task.style === undefined) {
      ctx.addIssue({ code: 'custom', path: ['style'], message: 'an ambiguification task needs a style' });
    }
    if (task.style !== undefined && task.variant !== 'ambiguification') {
      ctx.addIssue({ code: 'custom', path: ['style'], message: 'only ambiguification tasks have a style' });
    }
  });
export type Task = z.infer<typeof TaskSchema>;

/** The JSON Schema of one line of a task file, as committed in tasks/task.schema.json. */
export function taskJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://github.com/iotmcp-bench/iotmcp-bench/tasks/task.schema.json#v${TASK_FORMAT_VERSION}`,
    title: `IoT-MCP Bench task, format version ${TASK_FORMAT_VERSION}`,
    ...z.toJSONSchema(TaskSchema, { target: 'draft-2020-12', unrepresentable: 'any' }),
  };
}
