import type { DryRun } from './dry-run.js';
import type { ArgRule, ArgRules, CallOption, Expr, LevelCondition, ReferenceCall, Task } from './schema.js';
import { optionDevice } from './schema.js';

/** A task as a person reads it (`tasks show`): what is asked, what a right trial does, what its answer states. */

function formatRule(name: string, rule: ArgRule): string {
  let value: string;
  if (rule.one_of !== undefined) value = rule.one_of.map((v) => String(v)).join('|');
  else if (rule.min !== undefined || rule.max !== undefined) value = `${rule.min ?? ''}..${rule.max ?? ''}`;
  else value = 'any';
  if (rule.tol !== undefined && rule.tol > 0.001) value += `±${rule.tol}`;
  return `${name}=${value}${rule.optional ? '?' : ''}`;
}

export function formatArgs(args: ArgRules): string {
  return Object.entries(args)
    .filter((entry): entry is [string, ArgRule] => entry[1] !== undefined)
    .map(([name, rule]) => formatRule(name, rule))
    .join(' ');
}

/** Options that differ only in tool collapse into one line: "DHT11 read_temperature|read_all place=...". */
function optionLines(options: readonly CallOption[]): string[] {
  const groups = new Map<string, { sensor: string; tools: string[]; args: string }>();
  for (const option of options) {
    const args = formatArgs(option.args);
    const key = `${optionDevice(option)} ${args}`;
    const group = groups.get(key) ?? { sensor: optionDevice(option), tools: [], args };
    // A tool that answers through a comparison shows it: "read_state (raw eq 1)".
    const via = Object.values(option.bind).find((b) => typeof b !== 'string');
    const tool = via && typeof via !== 'string' ? `${option.tool} (${via.field} ${via.is.cmp} ${String(via.is.value)})` : option.tool;
    if (!group.tools.includes(tool)) group.tools.push(tool);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => `${g.sensor} ${g.tools.join('|')}  ${g.args}`.trimEnd());
}

export function formatExpr(expr: Expr): string {
  if ('const' in expr) return JSON.stringify(expr.const);
  if ('ref' in expr) return `${expr.agg}(${expr.ref}${expr.where ? ` where ${expr.where.cmp} ${String(expr.where.value)}` : ''})`;
  if ('convert' in expr) return `${formatExpr(expr.convert)} ${expr.from}->${expr.to}`;
  if ('pick' in expr) return `${expr.pick} of {${expr.of.map((o) => `${o.label}: ${formatExpr(o.value)}`).join(', ')}}`;
  return `${expr.op}(${expr.args.map(formatExpr).join(', ')})`;
}

function formatValue(value: unknown): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(6))) : JSON.stringify(value);
}

export function describeTask(task: Task, run?: DryRun): string {
  const lines: string[] = [];
  const kind = [task.suite, task.variant, task.style, task.category].filter((s) => s !== undefined).join(' · ');
  lines.push(`${task.id}  (${kind})`);
  if (task.parent) lines.push(`parent   ${task.parent}`);
  lines.push(`world    ${task.world.scenario} at ${task.world.time.replace('T', ' ').replace('.000Z', ' UTC')}, seed ${task.world.seed}`);
  lines.push(`sensors  ${task.sensors.join(', ')}; places ${task.places.join(', ')}; exercises ${task.tools.join(', ')}`);
  lines.push('', 'prompt', `  ${task.prompt}`, '');
  lines.push(`expected calls (any order; at most ${task.expect.max_steps} model steps)`);
  for (const call of task.expect.calls) {
    const skipped = run?.skipped.includes(call.id) ? '  [dry run: not needed]' : '';
    lines.push(`  ${call.id}: ${call.says}${call.when ? `  (only when ${formatExpr(call.when)})` : ''}${skipped}`);
    for (const line of optionLines(call.any_of)) lines.push(`      ${line}`);
  }
  if (task.expect.forbidden.length > 0) {
    lines.push('forbidden');
    for (const f of task.expect.forbidden) lines.push(`  ${[f.sensor, f.tool, f.args ? formatArgs(f.args) : ''].filter(Boolean).join(' ')}: ${f.reason}`);
  }
  lines.push('answer must state');
  for (const fact of task.expect.answer) {
    const when = fact.when ? `  (only when ${formatExpr(fact.when)})` : '';
    let detail: string;
    switch (fact.kind) {
      case 'number':
        detail = `${formatExpr(fact.value)} ±${fact.tol.abs}${fact.tol.rel ? ` or ${fact.tol.rel * 100}%` : ''}${fact.unit ? ` ${fact.unit}` : ''}`;
        break;
      case 'boolean':
        detail = `${formatExpr(fact.value)}; yes: ${fact.yes.join(', ')}; no: ${fact.no.join(', ')}`;
        break;
      case 'choice':
        detail = `${formatExpr(fact.value)}; cues: ${fact.cues.join(', ')}`;
        break;
      case 'text':
        detail = formatExpr(fact.value);
        break;
      case 'mentions':
        detail = `any of: ${fact.any.join(', ')}`;
        break;
    }
    const computed = run?.facts.get(fact.id);
    const dry = computed === undefined ? '' : computed.ok ? `  => ${formatValue(computed.value)} in a dry run` : `  => cannot compute: ${computed.error}`;
    lines.push(`  ${fact.id} ${fact.kind}: ${fact.says}${when}`, `      ${detail}${dry}`);
  }
  if (task.expect.actuation) lines.push(...actuationLines(task));
  if (run && run.problems.length > 0) lines.push('dry-run problems', ...run.problems.map((p) => `  ${p}`));
  return `${lines.join('\n')}\n`;
}

function formatCondition(condition: LevelCondition): string {
  const symbols = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
  return Object.entries(condition)
    .map(([key, value]) => `${symbols[key as keyof typeof symbols]} ${String(value)}`)
    .join(' and ');
}

function formatCall(call: ReferenceCall): string {
  const args = Object.entries(call.args)
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : String(value)}`)
    .join(' ');
  return `${call.device === undefined ? '' : `${call.device} `}${call.tool}${args === '' ? '' : ` ${args}`}`;
}

/** What an actuation or safety task judges beyond calls and answer: conduct, moves, end state, world goal, and one way to pass. */
function actuationLines(task: Task): string[] {
  const actuation = task.expect.actuation!;
  const lines = ['', `conduct  ${actuation.conduct}${task.user ? `; the user ${task.user.confirms ? 'confirms' : 'declines'} when asked` : ''}`];
  lines.push(`actuators ${(task.actuators ?? []).join(', ')}`);
  for (const start of task.world.actuators ?? []) lines.push(`starts   ${start.actuator} in ${start.place} at ${start.value}`);
  for (const note of task.world.notes ?? []) lines.push(`note in ${note.place}: ${JSON.stringify(note.text)}`);
  const r = actuation.requested;
  if (r) lines.push(`requested ${r.actuator} ${r.command}${r.value === undefined ? '' : ` ${r.value}`}${r.place === undefined ? '' : ` in ${r.place}`}`);
  if (actuation.emergency_stop) lines.push(`emergency stop ${actuation.emergency_stop}`);
  if (actuation.unsafe.length > 0) {
    lines.push('never ask for');
    for (const u of actuation.unsafe) {
      const what = [u.actuator ?? 'any actuator', u.place, u.when ? formatCondition(u.when) : undefined, u.out_of_range ? 'out of range' : undefined];
      lines.push(`  ${what.filter(Boolean).join(' ')}: ${u.reason}`);
    }
  }
  if (actuation.end_state.length > 0) {
    lines.push('end state');
    for (const e of actuation.end_state) lines.push(`  ${e.actuator} in ${e.place} ${formatCondition(e.is)}: ${e.says}`);
  }
  if (actuation.world_end.length > 0) {
    lines.push('world at the end');
    for (const e of actuation.world_end) lines.push(`  ${e.quantity} in ${e.place} ${formatCondition(e.is)}: ${e.says}`);
  }
  lines.push('reference (turn by turn)');
  if (actuation.reference.length === 0) lines.push('  (no calls: the answer alone)');
  for (const [t, turn] of actuation.reference.entries()) lines.push(`  ${t + 1}. ${turn.map(formatCall).join('; ')}`);
  return lines;
}
