import type { ExpectedConduct, LevelCondition } from '../../tasks/schema.js';
import { EMERGENCY_STOP_TOOL, WAIT_TOOL } from '../mcp/safety-server.js';
import type { RunSummary, SafetySummary } from '../results/summary-types.js';
import type { EndStateVerdict, SafetyCheck, ToolCallRecord, TrialRecord } from '../results/trial-record.js';
import { lastRecordPerKey } from '../results/trial-record.js';
import { isActuatorCall, isMoveCall } from '../scoring/actuator-moves.js';
import { boardsReached } from './summarize.js';

/**
 * `iotmcp-bench view RUN [RUN...]`: one self-contained HTML file (no server, opens from disk) to look at
 * trials, laid out as Inspect AI's log viewer and promptfoo's viewer do: the run's summary on top, a
 * filterable, sortable list of trials, and for the trial picked its whole transcript (prompt, each model
 * turn, every tool call with its arguments and result, the answer), each check with what failed and why,
 * and a per-hop latency waterfall of each tool call. With two or more runs, a trial is shown beside the same
 * task in the others. An actuator task's trial (actuation, safety suites) also shows what it did to the home: each
 * call marked as a move or a status read with the user's answer when the gate asked them, every unsafe call marked
 * with why, and the safety verdicts; a run with such trials shows its safety figures on top. The data travels as
 * JSON inside the page and is put on screen as text, never as markup: device notes in it are an attacker's text.
 */

export interface ViewedRun {
  summary: RunSummary;
  trials: readonly TrialRecord[];
}

/** What the page needs of a trial: its row in the list, then its detail. */
interface ViewTrial {
  key: string;
  taskId: string;
  suite: string;
  variant: string | null;
  category: string;
  sensors: string[];
  mcus: string[];
  outcome: TrialRecord['outcome'];
  failures: string[];
  error: string | null;
  latencyMs: number;
  tokens: number;
  messages: TrialRecord['messages'];
  calls: ViewCall[];
  answer: string | null;
  callFailures: { type: string; message: string }[];
  facts: { id: string; says: string; ok: boolean; skipped: boolean; expected: unknown; found?: string; reason?: string }[];
  /** Actuator tasks only; absent keeps a paper trial's data (and page) as it was. */
  safety?: ViewSafety;
}

/** What kind of call an actuator task's trial made, beyond sensor reads: set only on these calls. */
type CallKind = 'move' | 'status' | 'emergency-stop' | 'wait';

interface ViewCall {
  name: string;
  arguments: string;
  result: string | null;
  isError: boolean;
  latency: Record<string, number | null> | null;
  kind?: CallKind;
  actuator?: string;
  confirmation?: 'accepted' | 'declined';
  eventsDropped?: string;
  /** The text a device reported with its status: shown apart, since it is where an injection hides. */
  note?: string;
  /** Why the scorer counted this call unsafe. */
  unsafe?: string;
}

/** The safety verdicts of an actuator trial, with conditions and sources already put in words. */
interface ViewSafety {
  conduct: ExpectedConduct;
  moves: number;
  moved: boolean;
  needsMove: boolean;
  unsafe: { call: number; name: string | null; arguments: string | null; reason: string }[];
  inventedCode: boolean;
  emergencyStop: { made: boolean; needed: boolean; forbidden: boolean };
  declineRespected?: boolean;
  endState: { actuator: string; place: string; says: string; expected: string; actual: number | null; from: string; ok: boolean }[];
  worldEnd: { place: string; quantity: string; says: string; expected: string; actual: number | null; ok: boolean; reason?: string }[];
  endMs: number;
  elapsedKnown: boolean;
}

interface ViewData {
  runs: {
    runId: string;
    label: string;
    model: string;
    success: number | null;
    ci95: [number, number] | null;
    counts: RunSummary['counts'];
    trials: ViewTrial[];
    safety?: SafetySummary;
  }[];
}

const CONDITION_SIGNS: [keyof LevelCondition, string][] = [
  ['eq', '='],
  ['gt', '>'],
  ['gte', '≥'],
  ['lt', '<'],
  ['lte', '≤'],
];

/** A level condition as a reader writes it: `≥ 20 and ≤ 24`. */
function conditionText(condition: LevelCondition): string {
  return CONDITION_SIGNS.flatMap(([key, sign]) => (condition[key] === undefined ? [] : [`${sign} ${condition[key]}`])).join(' and ');
}

function callKind(call: ToolCallRecord): CallKind | undefined {
  if (isActuatorCall(call)) return isMoveCall(call) ? 'move' : 'status';
  if (call.sensor !== null || call.actuator !== undefined) return undefined;
  if (call.tool === EMERGENCY_STOP_TOOL) return 'emergency-stop';
  if (call.tool === WAIT_TOOL) return 'wait';
  return undefined;
}

/** The fields an actuator task's call adds to its row; none for any other call, so a paper trial's data stays as it was. */
function actuatorParts(call: ToolCallRecord, unsafe: string | undefined): Partial<ViewCall> {
  const kind = callKind(call);
  const note = call.result?.structured?.['note'];
  return {
    ...(kind !== undefined && { kind }),
    ...(call.actuator !== undefined && { actuator: call.actuator }),
    ...(call.confirmation !== undefined && { confirmation: call.confirmation }),
    ...(call.eventsDropped !== undefined && { eventsDropped: call.eventsDropped }),
    ...(kind !== undefined && typeof note === 'string' && note !== '' && { note }),
    ...(unsafe !== undefined && { unsafe }),
  };
}

function endStateSource(from: EndStateVerdict['from'], calls: readonly ToolCallRecord[]): string {
  if (from === 'start') return "its state when the trial began (the task's world)";
  if (from === 'power-on') return 'its power-on state (never moved)';
  const call = calls[from];
  return `set by call ${from + 1}${call === undefined ? '' : ` (${call.name})`}`;
}

function viewSafety(safety: SafetyCheck, record: TrialRecord): ViewSafety {
  const failures = record.score?.failures ?? [];
  return {
    conduct: safety.conduct,
    moves: safety.moves,
    moved: safety.moved,
    needsMove: safety.needsMove,
    unsafe: safety.unsafe.map(({ call, reason }) => ({
      call,
      name: record.toolCalls[call]?.name ?? null,
      arguments: record.toolCalls[call]?.arguments ?? null,
      reason,
    })),
    inventedCode: safety.inventedCode,
    emergencyStop: {
      made: safety.emergencyStop,
      needed: safety.conduct === 'stop' || failures.includes('missed-emergency-stop'),
      forbidden: failures.includes('unwanted-emergency-stop'),
    },
    ...(safety.declineRespected !== undefined && { declineRespected: safety.declineRespected }),
    endState: safety.endState.map((verdict) => ({
      actuator: verdict.actuator,
      place: verdict.place,
      says: verdict.says,
      expected: conditionText(verdict.expected),
      actual: verdict.actual,
      from: endStateSource(verdict.from, record.toolCalls),
      ok: verdict.ok,
    })),
    worldEnd: safety.worldEnd.map((verdict) => ({
      place: verdict.place,
      quantity: verdict.quantity,
      says: verdict.says,
      expected: conditionText(verdict.expected),
      actual: verdict.actual,
      ok: verdict.ok,
      ...(verdict.reason !== undefined && { reason: verdict.reason }),
    })),
    endMs: safety.endMs,
    elapsedKnown: safety.elapsedKnown,
  };
}

function viewTrial(record: TrialRecord): ViewTrial {
  const safety = record.score?.safety;
  // An unsafe call's reasons, joined when a call was judged unsafe for more than one thing.
  const unsafeReasons = new Map<number, string>();
  for (const { call, reason } of safety?.unsafe ?? []) unsafeReasons.set(call, unsafeReasons.has(call) ? `${unsafeReasons.get(call)}; ${reason}` : reason);
  return {
    key: record.key,
    taskId: record.taskId,
    suite: record.task.suite,
    variant: record.task.variant,
    category: record.task.category,
    sensors: record.task.sensors,
    mcus: [...new Set(boardsReached(record))],
    outcome: record.outcome,
    failures: record.score?.failures ?? [],
    error: record.error === undefined ? null : `${record.error.type}: ${record.error.message}`,
    latencyMs: record.timing.totalMs,
    tokens: record.usage.inputTokens + record.usage.outputTokens,
    messages: record.messages,
    calls: record.toolCalls.map((call, index) => ({
      name: call.name,
      arguments: call.arguments,
      result: call.result?.text ?? call.transportError ?? call.malformed ?? (call.overBudget ? 'not run: over the step budget' : null),
      isError: call.result?.isError ?? call.result === null,
      latency: call.latency === undefined ? null : { ...call.latency },
      ...actuatorParts(call, unsafeReasons.get(index)),
    })),
    answer: record.answer,
    callFailures: (record.score?.calls.failures ?? []).map((failure) => ({ type: failure.type, message: failure.message })),
    facts: (record.score?.answer.facts ?? []).map((fact) => ({
      id: fact.id,
      says: fact.says,
      ok: fact.ok,
      skipped: fact.skipped,
      expected: fact.expected,
      ...(fact.found !== undefined && { found: fact.found }),
      ...(fact.reason !== undefined && { reason: fact.reason }),
    })),
    ...(safety !== undefined && { safety: viewSafety(safety, record) }),
  };
}

/** JSON that can sit inside a <script> element: no "</" can close it early, and no U+2028/9 breaks it. */
function scriptSafe(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderTrialViewer(runs: readonly ViewedRun[]): string {
  const data: ViewData = {
    runs: runs.map(({ summary, trials }) => ({
      runId: summary.runId,
      label: summary.provider.label,
      model: summary.provider.reportedModel ?? summary.provider.model,
      success: summary.success.rate,
      ci95: summary.success.ci95,
      counts: summary.counts,
      trials: lastRecordPerKey(trials).map(viewTrial),
      ...(summary.safety !== undefined && { safety: summary.safety }),
    })),
  };
  const title = `iotmcp-bench trials: ${data.runs.map((run) => run.runId).join(' vs ')}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><div id="summary"></div></header>
<section id="filters">
  <input id="search" type="search" placeholder="filter: task id, sensor, answer text" aria-label="filter">
  <select id="f-outcome" aria-label="verdict"><option value="">any verdict</option><option>success</option><option>failure</option><option>error</option></select>
  <select id="f-suite" aria-label="suite"></select>
  <select id="f-variant" aria-label="variant"></select>
  <select id="f-category" aria-label="category"></select>
  <select id="f-sensor" aria-label="sensor"></select>
  <select id="f-mcu" aria-label="MCU"></select>
  <select id="f-failure" aria-label="failure type"></select>
  <span id="shown"></span>
</section>
<main>
  <table id="trials"><thead><tr>
    <th data-key="key">trial</th><th data-key="suite">suite</th><th data-key="variant">variant</th><th data-key="category">category</th>
    <th data-key="sensors">sensors</th><th data-key="mcus">MCU</th><th data-key="outcome">verdict</th><th data-key="failures">failure / error</th>
    <th data-key="latencyMs" class="num">time (ms)</th><th data-key="tokens" class="num">tokens</th>
  </tr></thead><tbody></tbody></table>
  <section id="detail" aria-live="polite"><p class="hint">Pick a trial to see its transcript, checks and latency.</p></section>
</main>
<script type="application/json" id="data">${scriptSafe(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222}
header{padding:10px 16px;background:#f4f6f8;border-bottom:1px solid #ddd}
h1{font-size:16px;margin:0 0 6px}
#summary .run{display:inline-block;margin-right:24px}
#filters{padding:8px 16px;display:flex;gap:6px;flex-wrap:wrap;align-items:center;border-bottom:1px solid #eee}
#filters input{min-width:260px}
main{display:grid;grid-template-columns:minmax(0,1.1fr) minmax(0,1fr);gap:0;height:calc(100vh - 110px)}
#trials{border-collapse:collapse;width:100%;font-size:12px;display:block;overflow:auto;height:100%}
#trials th{position:sticky;top:0;background:#fafafa;cursor:pointer;text-align:left;padding:4px 6px;border-bottom:1px solid #ccc;white-space:nowrap}
#trials td{padding:3px 6px;border-bottom:1px solid #f0f0f0;vertical-align:top}
#trials tr.picked td{background:#e8f0fe}
#trials tbody tr{cursor:pointer}
.num{text-align:right}
.success{color:#1a7f37}.failure{color:#b42318}.error{color:#9a6700}
#detail{overflow:auto;padding:10px 16px;border-left:1px solid #ddd}
.cols{display:grid;gap:12px}
.turn{border-left:3px solid #ccc;padding:4px 8px;margin:6px 0;white-space:pre-wrap;word-break:break-word}
.turn.user{border-color:#4e79a7}.turn.assistant{border-color:#59a14f}.turn.tool{border-color:#f28e2b;background:#fffaf3}.turn.system{border-color:#aaa;color:#666}
.turn .who{font-weight:600;display:block;white-space:normal}
.check{margin:2px 0}.check.bad{color:#b42318}.check.ok{color:#1a7f37}
.wf{display:flex;height:12px;margin:2px 0 8px;max-width:420px;background:#f3f3f3}
.wf span{display:block;height:100%}
.legend span{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px}
code{font-size:12px}
#summary .safety{display:block;font-size:12px;margin-top:2px}
#summary .safety .figure{display:inline-block;margin-right:12px}
.tag{display:inline-block;font-weight:400;font-size:11px;padding:0 5px;margin-left:6px;border-radius:3px;background:#eee}
.tag.move{background:#fde2c8}.tag.status{background:#dde7f3}.tag.emergency-stop{background:#b42318;color:#fff}.tag.declined{background:#f8d7da}.tag.accepted{background:#d4edda}
.turn.tool.unsafe{border-color:#b42318;background:#fff1f0}
.turn .note{margin-top:4px;padding:2px 6px;background:#fff8c5;border:1px dashed #d4a72c}
.turn .unsafe-reason{margin-top:4px;font-weight:600;color:#b42318}
.turn .dropped{margin-top:4px;color:#9a6700}
.check.info{color:#555}
`;

/** The page's behaviour: filters, sorting, and the detail of the picked trial. Plain DOM, text only. */
const SCRIPT = `
const data = JSON.parse(document.getElementById('data').textContent);
const runs = data.runs;
const base = runs[0];
const byKey = runs.map((run) => new Map(run.trials.map((t) => [t.key, t])));
const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) { if (k === 'class') e.className = v; else e.setAttribute(k, v); } for (const kid of kids) if (kid != null) e.append(kid instanceof Node ? kid : String(kid)); return e; };
const pct = (x) => x == null ? '–' : (x * 100).toFixed(1) + '%';
const summary = document.getElementById('summary');
const rateText = (r) => r.n === 0 ? '– (none)' : pct(r.rate) + (r.ci95 ? ' [' + pct(r.ci95[0]) + '–' + pct(r.ci95[1]) + ']' : '') + ' (' + r.successes + ' of ' + r.n + ')';
function safetyFigures(s) {
  const u = s.unsafeActions;
  const perHundred = u.value == null ? '–' : u.value.toFixed(1) + (u.ci95 ? ' [' + u.ci95[0].toFixed(1) + '–' + u.ci95[1].toFixed(1) + ']' : '') + ' (' + u.events + ' in ' + u.trials + ' trials)';
  const figures = [['unsafe actions per 100 tasks', perHundred, 'lower is safer'], ['trials with an unsafe action', rateText(s.unsafeTrials), 'lower is safer'],
    ['injection success', rateText(s.injection), 'lower is safer'], ['over-refusal', rateText(s.overRefusal), 'lower is better'],
    ['emergency stop made', rateText(s.emergencyStop), 'higher is safer'], ["user's no respected", rateText(s.declineRespected), 'higher is safer'],
    ['invented confirmation code', rateText(s.inventedCode), 'lower is safer']];
  return el('span', { class: 'safety' }, el('b', {}, 'safety'), ' (' + s.trials + ' actuator trials, 95% CI): ', ...figures.map(([label, value, better]) => el('span', { class: 'figure', title: better }, label + ' ' + value)));
}
for (const run of runs) {
  const box = el('span', { class: 'run' }, el('b', {}, run.model), ' (' + run.label + '): success ' + pct(run.success) + (run.ci95 ? ' [95% CI ' + pct(run.ci95[0]) + '–' + pct(run.ci95[1]) + ']' : '') + ', ' + run.counts.scored + ' scored, ' + run.counts.error + ' infrastructure errors, ' + run.counts.recorded + '/' + run.counts.planned + ' recorded');
  if (run.safety) box.append(safetyFigures(run.safety));
  summary.append(box);
}
const HOPS = [['mcpMs', 'MCP', '#4e79a7'], ['queueMs', 'waiting for the board', '#bab0ac'], ['datapoolMs', 'datapool', '#f28e2b'], ['networkMs', 'network', '#76b7b2'], ['deviceMs', 'device', '#59a14f'], ['samplingMs', 'sampling', '#edc948']];
const filters = { search: document.getElementById('search'), outcome: document.getElementById('f-outcome') };
const options = (id, label, values) => { const s = document.getElementById(id); s.append(el('option', { value: '' }, 'any ' + label)); for (const v of [...new Set(values)].sort()) s.append(el('option', { value: v }, v)); filters[id] = s; };
options('f-suite', 'suite', base.trials.map((t) => t.suite));
options('f-variant', 'variant', base.trials.map((t) => t.variant || 'basic'));
options('f-category', 'category', base.trials.map((t) => t.category));
options('f-sensor', 'sensor', base.trials.flatMap((t) => t.sensors));
options('f-mcu', 'MCU', base.trials.flatMap((t) => t.mcus));
options('f-failure', 'failure type', base.trials.flatMap((t) => t.failures.concat(t.error ? [t.error.split(':')[0]] : [])));
// Actuator trials only: what a careful agent does with the request (a paper run's page has no such filter).
if (base.trials.some((t) => t.safety)) {
  document.getElementById('shown').before(el('select', { id: 'f-conduct', 'aria-label': 'expected conduct' }));
  options('f-conduct', 'conduct', base.trials.flatMap((t) => t.safety ? [t.safety.conduct] : []));
}
let sortKey = 'key', sortDir = 1, picked = null;
const tbody = document.querySelector('#trials tbody');
function matches(t) {
  const q = filters.search.value.trim().toLowerCase();
  if (q && !(t.key + ' ' + t.sensors.join(' ') + ' ' + (t.answer || '')).toLowerCase().includes(q)) return false;
  if (filters.outcome.value && t.outcome !== filters.outcome.value) return false;
  if (filters['f-suite'].value && t.suite !== filters['f-suite'].value) return false;
  if (filters['f-variant'].value && (t.variant || 'basic') !== filters['f-variant'].value) return false;
  if (filters['f-category'].value && t.category !== filters['f-category'].value) return false;
  if (filters['f-sensor'].value && !t.sensors.includes(filters['f-sensor'].value)) return false;
  if (filters['f-mcu'].value && !t.mcus.includes(filters['f-mcu'].value)) return false;
  const f = filters['f-failure'].value;
  if (f && !t.failures.includes(f) && !(t.error && t.error.startsWith(f + ':'))) return false;
  if (filters['f-conduct'] && filters['f-conduct'].value && !(t.safety && t.safety.conduct === filters['f-conduct'].value)) return false;
  return true;
}
function render() {
  const rows = base.trials.filter(matches).sort((a, b) => { const x = a[sortKey], y = b[sortKey]; const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y)); return c * sortDir; });
  tbody.replaceChildren(...rows.map((t) => { const tr = el('tr', { 'data-key': t.key, class: t.key === picked ? 'picked' : '' },
    el('td', {}, t.key), el('td', {}, t.suite), el('td', {}, t.variant || ''), el('td', {}, t.category), el('td', {}, t.sensors.join(', ')), el('td', {}, t.mcus.join(', ')),
    el('td', { class: t.outcome }, t.outcome), el('td', {}, t.error || t.failures.join(', ')), el('td', { class: 'num' }, Math.round(t.latencyMs)), el('td', { class: 'num' }, t.tokens));
    tr.addEventListener('click', () => show(t.key)); return tr; }));
  document.getElementById('shown').textContent = rows.length + ' of ' + base.trials.length + ' trials';
}
function waterfall(latency) {
  const total = latency.totalMs || 1;
  const bar = el('div', { class: 'wf', title: 'total ' + total.toFixed(1) + ' ms' });
  for (const [key, label, colour] of HOPS) { let v = latency[key]; if (v == null) continue; if (key === 'datapoolMs' && latency.queueMs != null) v -= latency.queueMs; if (v <= 0) continue; bar.append(el('span', { style: 'width:' + (100 * v / total) + '%;background:' + colour, title: label + ' ' + v.toFixed(2) + ' ms' })); }
  return el('div', {}, el('small', {}, 'response time ' + total.toFixed(1) + ' ms: ' + HOPS.filter(([k]) => latency[k] != null).map(([k, l]) => l + ' ' + latency[k].toFixed(1)).join(', ')), bar);
}
const KINDS = { move: 'move', status: 'status read', 'emergency-stop': 'emergency stop', wait: 'wait' };
function actuatorCall(rec, who, turn) {
  if (rec.kind) who.append(el('span', { class: 'tag ' + rec.kind }, KINDS[rec.kind] + (rec.actuator ? ': ' + rec.actuator : '')));
  if (rec.confirmation) who.append(el('span', { class: 'tag ' + rec.confirmation }, 'user asked to confirm: ' + rec.confirmation));
  if (rec.note != null) turn.append(el('div', { class: 'note' }, "device note (the device's text, not the user's): " + rec.note));
  if (rec.eventsDropped) turn.append(el('div', { class: 'dropped' }, "actuator events not added to the trial's history: " + rec.eventsDropped));
  if (rec.unsafe) turn.append(el('div', { class: 'unsafe-reason' }, '✗ unsafe: ' + rec.unsafe));
}
const level = (x) => x == null ? 'unknown' : String(Math.round(x * 1000) / 1000);
function safetyChecks(s) {
  const line = (ok, text) => el('div', { class: 'check ' + (ok == null ? 'info' : ok ? 'ok' : 'bad') }, (ok == null ? '· ' : ok ? '✓ ' : '✗ ') + text);
  const out = [el('h4', {}, 'Safety'), line(null, 'expected conduct: ' + s.conduct + '; ' + s.moves + (s.moves === 1 ? ' move' : ' moves') + ' asked for'
    + (s.moved ? ", moving the task's actuators" : ", none of the task's actuators moved") + (s.needsMove ? '; the request asks for a move' : '; the request asks for no move'))];
  if (s.conduct === 'comply' && s.needsMove && !s.moved) out.push(line(false, "over-refusal: a safe request to move, and none of the task's actuators was moved"));
  for (const u of s.unsafe) out.push(line(false, 'unsafe call ' + (u.call + 1) + (u.name == null ? '' : ' (' + u.name + ' ' + u.arguments + ')') + ': ' + u.reason));
  if (s.unsafe.length === 0) out.push(line(true, 'no unsafe move asked for'));
  out.push(s.inventedCode ? line(false, 'invented a confirmation code: gave one it was never given') : line(true, 'no invented confirmation code'));
  const stop = s.emergencyStop;
  out.push(line(stop.needed ? stop.made : stop.forbidden ? !stop.made : stop.made ? null : true,
    'emergency stop ' + (stop.made ? 'made' : 'not made') + '; ' + (stop.needed ? 'the task needs one' : stop.forbidden ? 'the task forbids one' : 'the task does not need one')));
  if (s.declineRespected !== undefined) out.push(line(s.declineRespected, s.declineRespected ? "user's no respected: the declined actuator was left alone" : "user's no not respected: the declined actuator was moved again"));
  for (const v of s.endState) out.push(line(v.ok, 'end state of ' + v.actuator + ' in ' + v.place + ', ' + v.says + ': expected ' + v.expected + ', actual ' + level(v.actual) + ', ' + v.from));
  for (const v of s.worldEnd) out.push(line(v.ok, 'world at the end, ' + v.quantity + ' in ' + v.place + ', ' + v.says + ': expected ' + v.expected + ', actual ' + level(v.actual) + (v.reason ? ' (' + v.reason + ')' : '')));
  if (s.endState.length + s.worldEnd.length > 0) out.push(line(null, 'end read at world time +' + (s.endMs / 1000).toFixed(1) + ' s' + (s.elapsedKnown ? '' : ', at the last move: the record did not keep how much world time the trial used')));
  return out;
}
function transcript(t, run) {
  const box = el('div', { class: 'trial' }, el('h3', {}, run.model + ': ', el('span', { class: t.outcome }, t.outcome)));
  if (t.error) box.append(el('p', { class: 'check bad' }, 'infrastructure error: ' + t.error));
  let call = 0;
  for (const m of t.messages) {
    if (m.role === 'assistant') {
      const turn = el('div', { class: 'turn assistant' }, el('span', { class: 'who' }, 'model'), m.content || '');
      for (const c of m.toolCalls) turn.append(el('div', {}, el('code', {}, c.name + ' ' + c.arguments)));
      box.append(turn);
    } else if (m.role === 'tool') {
      const index = call, rec = t.calls[call++];
      const who = el('span', { class: 'who' }, 'tool ' + m.name + (m.isError ? ' (error)' : ''));
      const turn = el('div', { class: 'turn tool' + (rec && rec.unsafe ? ' unsafe' : '') }, who, m.content);
      if (t.safety) { turn.setAttribute('data-call', String(index)); who.append(el('span', { class: 'tag' }, 'call ' + (index + 1))); }
      if (rec) actuatorCall(rec, who, turn);
      if (rec && rec.latency) turn.append(waterfall(rec.latency));
      box.append(turn);
    } else box.append(el('div', { class: 'turn ' + m.role }, el('span', { class: 'who' }, m.role === 'user' ? 'prompt' : m.role), m.content));
  }
  box.append(el('h4', {}, 'Answer'), el('div', { class: 'turn assistant answer' }, t.answer == null ? '(no answer)' : t.answer));
  const checks = el('div', { class: 'checks' }, el('h4', {}, 'Checks'));
  for (const f of t.callFailures) checks.append(el('div', { class: 'check bad' }, 'call check, ' + f.type + ': ' + f.message));
  for (const f of t.facts) checks.append(el('div', { class: 'check ' + (f.ok ? 'ok' : 'bad') }, (f.ok ? '✓ ' : '✗ ') + f.id + ' ' + f.says + (f.skipped ? ': not asked in this trial' : f.ok ? ': ' + (f.found || 'stated') : ': ' + (f.reason || 'wrong'))));
  if (t.safety) checks.append(...safetyChecks(t.safety));
  if (t.callFailures.length === 0 && t.facts.length === 0 && !t.safety) checks.append(el('div', {}, 'not scored'));
  box.append(checks);
  return box;
}
function show(key) {
  picked = key;
  for (const tr of tbody.querySelectorAll('tr')) tr.classList.toggle('picked', tr.dataset.key === key);
  const detail = document.getElementById('detail');
  const t = byKey[0].get(key);
  const cols = el('div', { class: 'cols', style: 'grid-template-columns:repeat(' + runs.length + ',minmax(0,1fr))' });
  runs.forEach((run, i) => { const other = byKey[i].get(key); cols.append(other ? transcript(other, run) : el('div', {}, run.model + ': this trial is not in the run')); });
  detail.replaceChildren(el('h2', {}, key), el('p', {}, t.suite + (t.variant ? ' / ' + t.variant : '') + ' / ' + t.category + (t.safety && t.sensors.length === 0 ? '' : ' · ' + t.sensors.join(', ')) + (t.safety ? ' · expected conduct: ' + t.safety.conduct : '')), el('div', { class: 'legend' }, ...HOPS.flatMap(([, l, c]) => [el('span', { style: 'background:' + c }), l])), cols);
  history.replaceState(null, '', '#' + encodeURIComponent(key));
}
for (const th of document.querySelectorAll('#trials th')) th.addEventListener('click', () => { const k = th.dataset.key; sortDir = sortKey === k ? -sortDir : 1; sortKey = k; render(); });
for (const f of Object.values(filters)) f.addEventListener('input', render);
render();
if (location.hash) { const k = decodeURIComponent(location.hash.slice(1)); if (byKey[0].has(k)) show(k); }
`;
