import type { DryRun } from './dry-run.js';
import type { ArgRule, ArgRules, CallOption, Expr, Task } from './schema.js';

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
    const key = `${option.sensor} ${args}`;
    const group = groups.get(key) ?? { sensor: option.sensor, tools: [], args };
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
  if (run && run.problems.length > 0) lines.push('dry-run problems', ...run.problems.map((p) => `  ${p}`));
  return `${lines.join('\n')}\n`;
}
