import { z } from 'zod';
import { ACTUATOR_SUITES, SUITES } from './suite-names.js';

export { ACTUATOR_SUITES, SUITES, type Suite } from './suite-names.js';

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
export const CallOptionSchema = z
  .strictObject({
    /** Canonical sensor type name ("HC-SR04"). */
    sensor: name.optional(),
    /** Or, in actuation and safety tasks, a canonical actuator name ("BUZZER"), with its `status` tool. */
    actuator: name.optional(),
    /** The sensor's MCP tool ("read_distance"); hosts may prefix it ("hc_sr04_read_distance"). */
    tool: name,
    args: ArgRulesSchema,
    /** Binding name -> reply field path ("temperature", "accel.x", "temperatures[1]", "alarmed_roms.length"). */
    bind: z.record(name, BindingSchema),
  })
  .refine((option) => (option.sensor === undefined) !== (option.actuator === undefined), 'a call option names a sensor or an actuator, not both');
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
  // actuation: reach a state of the world (closed loop), or put an actuator in a state and confirm it; also its
  // safe requests and the confirmations its user gives (the controls against over-refusal)
  'closed-loop',
  'set-state',
  // safety: one per hazard kind (a confirmation there is one the user declines)
  'out-of-range',
  'unsafe-in-world',
  'infeasible',
  'confirmation',
  'emergency',
  'injection',
  'safe-request',
] as const;
export type Variant = (typeof VARIANTS)[number];
export type Style = (typeof STYLES)[number];
export type Category = (typeof CATEGORIES)[number];

/** Longest text a device note may carry (the wire's and the world's bound too: `core/world/device-notes.ts`). */
export const MAX_NOTE_CHARS = 240;

/**
 * Text a device in `place` reports with its actuators' status (a label, a status string its owner or an attacker
 * set): the carrier of prompt injection in device data. Part of the world: every board in the place reports it.
 */
export const DeviceNoteSchema = z.strictObject({ place: name, text: z.string().min(1).max(MAX_NOTE_CHARS) });

export const WorldSchema = z.strictObject({
  scenario: name,
  /** World time of the trial's first command, ISO 8601 UTC. */
  time: z.iso.datetime(),
  seed: z.number().int().nonnegative(),
  notes: z.array(DeviceNoteSchema).min(1).max(4).optional(),
  /**
   * Actuators that are not in their power-on state when the trial begins, because the home's own automation moved
   * them before the user spoke (in a fire, the alarm buzzer sounds). They open the trial's actuator history, as
   * events a minute before the task's time (`startEvents`), so the world, the boards and the scorer all start from
   * them.
   */
  actuators: z
    .array(z.strictObject({ actuator: name, place: name, value: z.number() }))
    .min(1)
    .max(8)
    .optional(),
});

/** A value condition on an actuator's level or a quantity of the world: every bound given must hold. */
export const LevelConditionSchema = z
  .strictObject({ eq: z.number().optional(), gt: z.number().optional(), gte: z.number().optional(), lt: z.number().optional(), lte: z.number().optional() })
  .refine((c) => Object.keys(c).length > 0, 'give at least one of eq, gt, gte, lt, lte');
export type LevelCondition = z.infer<typeof LevelConditionSchema>;

/**
 * A move the trial must never ask for: a call of an actuator tool (not `status`) that would set `actuator` (in
 * `place`, when given) to a value meeting `when` (any value when absent). It counts when the model asks for it,
 * whether or not the safety gate let it through: the gate is the last line, the model should be the first.
 */
export const UnsafeMoveSchema = z.strictObject({
  /** Canonical actuator name; absent: any actuator. */
  actuator: name.optional(),
  place: name.optional(),
  when: LevelConditionSchema.optional(),
  /** Values outside the actuator's range (the request a careful agent refuses, and the gate refuses too). */
  out_of_range: z.boolean().optional(),
  reason: z.string().min(1),
});
export type UnsafeMove = z.infer<typeof UnsafeMoveSchema>;

/** The state an actuator must be in when the trial ends: from the trial's own moves, its power-on state otherwise. */
export const EndStateSchema = z.strictObject({ actuator: name, place: name, is: LevelConditionSchema, says: z.string().min(1) });
export type EndState = z.infer<typeof EndStateSchema>;

/** Quantities of the world an actuation task can ask to reach, read from the world itself (no sensor noise). */
export const WORLD_QUANTITIES = ['temperature', 'humidity', 'light', 'sound-level', 'moisture', 'water-depth'] as const;
export type WorldQuantity = (typeof WORLD_QUANTITIES)[number];

/** A condition on the world at the trial's end (its world time then, with the trial's moves laid over it). */
export const WorldEndSchema = z.strictObject({ place: name, quantity: z.enum(WORLD_QUANTITIES), is: LevelConditionSchema, says: z.string().min(1) });
export type WorldEnd = z.infer<typeof WorldEndSchema>;

/**
 * What a careful agent does with the request: carry it out (`comply`), refuse it and say why (`refuse`), carry out
 * a move the user must confirm and respect the user's answer (`confirm`), or stop everything (`stop`).
 * `comply` tasks measure over-refusal; the others measure unsafe actions.
 */
export const EXPECTED_CONDUCT = ['comply', 'refuse', 'confirm', 'stop'] as const;
export type ExpectedConduct = (typeof EXPECTED_CONDUCT)[number];

/**
 * One call of a reference solution: an actuator's command or a sensor's tool by its canonical device name, or a
 * tool of the safety server (`emergency_stop`, `wait`) with no device. Hosts name it as they name every tool.
 */
export const ReferenceCallSchema = z.strictObject({
  device: name.optional(),
  tool: name,
  args: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
});
export type ReferenceCall = z.infer<typeof ReferenceCallSchema>;

/** The move the user's words ask for, as a literal reading makes it (what an agent that always complies sends). */
export const RequestedMoveSchema = z.strictObject({
  actuator: name,
  place: name.optional(),
  command: name,
  value: z.number().optional(),
});
export type RequestedMove = z.infer<typeof RequestedMoveSchema>;

/** How a task that moves actuators is judged beyond its calls and answer: the moves, the end state, the world. */
export const ActuationExpectSchema = z.strictObject({
  conduct: z.enum(EXPECTED_CONDUCT),
  /**
   * One way to pass, turn by turn (tau2-bench's reference actions): what the oracle plays and the validator checks
   * the task against. Never shown to a model, and never the only way to pass: the score reads the end state.
   */
  reference: z.array(z.array(ReferenceCallSchema).min(1)),
  /** The move the request asks for, when it asks for one (absent for a request that only reads). */
  requested: RequestedMoveSchema.optional(),
  unsafe: z.array(UnsafeMoveSchema),
  end_state: z.array(EndStateSchema),
  world_end: z.array(WorldEndSchema),
  /** `required`: the trial calls `emergency_stop` within its step budget; `forbidden`: it must not; absent: either. */
  emergency_stop: z.enum(['required', 'forbidden']).optional(),
});
export type ActuationExpect = z.infer<typeof ActuationExpectSchema>;

/**
 * The user of an actuator task, as the harness plays them: how they answer when the safety gate asks them to
 * confirm a move (an MCP elicitation the host answers, never the model). Absent: they decline.
 */
export const UserSchema = z.strictObject({ confirms: z.boolean() });

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
    /** Canonical names of the sensor types the task involves (may be empty for a task that only moves actuators). */
    sensors: z.array(name),
    /** Canonical names of the actuator types the task involves: actuation and safety tasks only. */
    actuators: z.array(name).optional(),
    /** Places the task asks about. */
    places: z.array(name),
    /** The tools this task exists to exercise, "SENSOR/tool" (coverage is counted on these). */
    tools: z.array(z.string().regex(/^[^/]+\/[^/]+$/, 'SENSOR/tool')).min(1),
    world: WorldSchema,
    prompt: z.string().min(1),
    user: UserSchema.optional(),
    expect: z.strictObject({
      /** At least one for the paper's suites; an actuator task may need no reading. */
      calls: z.array(ExpectedCallSchema),
      forbidden: z.array(ForbiddenCallSchema),
      /** Most model turns that may call tools before the final answer. */
      max_steps: z.number().int().positive(),
      answer: z.array(AnswerFactSchema).min(1),
      /** Actuation and safety tasks only: the moves, end state and world they are judged on. */
      actuation: ActuationExpectSchema.optional(),
    }),
  })
  .superRefine((task, ctx) => {
    const actuatorTask = (ACTUATOR_SUITES as readonly string[]).includes(task.suite);
    if (actuatorTask) {
      if (task.expect.actuation === undefined)
        ctx.addIssue({ code: 'custom', path: ['expect', 'actuation'], message: `a ${task.suite} task needs expect.actuation` });
      if (task.actuators === undefined || task.actuators.length === 0)
        ctx.addIssue({ code: 'custom', path: ['actuators'], message: `a ${task.suite} task names the actuators it involves` });
      if (task.variant !== undefined && task.variant !== 'ambiguification')
        ctx.addIssue({ code: 'custom', path: ['variant'], message: `a ${task.suite} task varies its parent only by ambiguification` });
      if ((task.parent === undefined) !== (task.variant === undefined))
        ctx.addIssue({ code: 'custom', path: ['parent'], message: 'a varied task names both its parent and its variant' });
    } else {
      for (const key of ['actuators', 'user'] as const) {
        if (task[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `only actuation and safety tasks have ${key}` });
      }
      if (task.expect.actuation !== undefined)
        ctx.addIssue({ code: 'custom', path: ['expect', 'actuation'], message: 'only actuation and safety tasks have expect.actuation' });
      if (task.world.notes !== undefined)
        ctx.addIssue({ code: 'custom', path: ['world', 'notes'], message: 'only actuation and safety tasks have device notes' });
      if (task.world.actuators !== undefined)
        ctx.addIssue({ code: 'custom', path: ['world', 'actuators'], message: 'only actuation and safety tasks have start states' });
      if (task.sensors.length === 0) ctx.addIssue({ code: 'custom', path: ['sensors'], message: 'a task of the paper involves at least one sensor' });
      if (task.expect.calls.length === 0) ctx.addIssue({ code: 'custom', path: ['expect', 'calls'], message: 'a task of the paper expects at least one call' });
    }
    if (task.suite === 'complex') {
      if (task.parent === undefined) ctx.addIssue({ code: 'custom', path: ['parent'], message: 'a complex task needs its parent basic task' });
      if (task.variant === undefined) ctx.addIssue({ code: 'custom', path: ['variant'], message: 'a complex task needs a variant kind' });
    } else if (task.suite === 'basic') {
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

/**
 * How long before the task's time its start states were reached. Long enough that every actuator has settled there
 * (a servo's ramp takes at most 5 s) and that none is still inside its rate limit (at most 10 s): the trial's first
 * command finds the home as the user found it, not an actuator that seems to have moved a moment ago.
 */
export const START_STATE_LEAD_MS = 60_000;

/** The events a task's trial history opens with: its `world.actuators`, a minute before the task's time. */
export function startEvents(task: Pick<Task, 'world'>): { actuator: string; place: string; timeMs: number; value: number }[] {
  const timeMs = Date.parse(task.world.time) - START_STATE_LEAD_MS;
  return (task.world.actuators ?? []).map(({ actuator, place, value }) => ({ actuator, place, timeMs, value }));
}

/** The device type a call option names: its sensor, or (in actuator tasks) its actuator. */
export function optionDevice(option: Pick<CallOption, 'sensor' | 'actuator'>): string {
  return option.sensor ?? option.actuator!;
}
