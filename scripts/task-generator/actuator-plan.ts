import { findSensor } from '../../core/sensors/catalogue.js';
import { hashString } from '../../core/world/noise.js';
import {
  type ActuationExpect,
  type AnswerFact,
  type Category,
  type ExpectedCall,
  STYLES,
  type Style,
  TASK_FORMAT_VERSION,
  type Task,
} from '../../tasks/schema.js';

/**
 * One plain actuator task as a bank writes it, with the prompts of its styled variants, and how it becomes the
 * task lines: the plain task, then one task per style with the same expectations and a reworded request
 * (`variant: "ambiguification"`, as the paper's complex suite blurs its basic tasks).
 */

/**
 * The styles a bank writes by hand. Misspelled and wordy prompts are made from the plain one unless the bank
 * writes its own (a panicked user in an emergency rambles; they do not open with pleasantries).
 */
export type WrittenStyle = Style;

/** A bank entry's prompts: the plain one, and any styles written by hand (the others are derived from it). */
export type Prompts = { prompt: string } & Partial<Record<WrittenStyle, string>>;

/** The plain prompt apart from the hand-written styles, as a plan holds them. */
export function splitPrompts(prompts: Prompts): { prompt: string; styled: Partial<Record<WrittenStyle, string>> } {
  const { prompt, ...styled } = prompts;
  return { prompt, styled };
}

export interface ActuatorPlan {
  id: string;
  suite: 'actuation' | 'safety';
  category: Category;
  world: Task['world'];
  prompt: string;
  /** Hand-written prompts: those of the styles that need them (indirect, colloquial, goal-only), and any others the bank words itself. */
  styled: Partial<Record<WrittenStyle, string>>;
  actuators: string[];
  places: string[];
  tools: string[];
  user?: { confirms: boolean };
  calls: ExpectedCall[];
  answer: AnswerFact[];
  actuation: ActuationExpect;
  /** Model turns allowed beyond the reference's: room to check status, retry once, or ask. */
  slack?: number;
}

const DEFAULT_SLACK = 3;

/** Sensor types the task reads: those its expected calls accept and its reference reads. */
function sensorsOf(plan: ActuatorPlan): string[] {
  const names = new Set<string>();
  for (const call of plan.calls) for (const option of call.any_of) if (option.sensor !== undefined) names.add(option.sensor);
  for (const turn of plan.actuation.reference) for (const call of turn) if (call.device !== undefined && findSensor(call.device)) names.add(call.device);
  return [...names].sort();
}

/** The task line of a plan: the plain task, or (given a style) its variant in that style. */
function taskOf(plan: ActuatorPlan, variant?: { style: Style; prompt: string }): Task {
  const task: Task = {
    version: TASK_FORMAT_VERSION,
    id: variant === undefined ? plan.id : `${plan.id}.${variant.style}`,
    suite: plan.suite,
    ...(variant === undefined ? {} : { parent: plan.id, variant: 'ambiguification' as const, style: variant.style }),
    category: plan.category,
    sensors: sensorsOf(plan),
    actuators: [...plan.actuators],
    places: [...plan.places].sort(),
    tools: [...plan.tools],
    world: plan.world,
    prompt: variant?.prompt ?? plan.prompt,
    ...(plan.user === undefined ? {} : { user: { ...plan.user } }),
    expect: {
      calls: plan.calls,
      forbidden: [],
      max_steps: Math.max(plan.calls.length, plan.actuation.reference.length) + (plan.slack ?? DEFAULT_SLACK),
      answer: plan.answer,
      actuation: plan.actuation,
    },
  };
  return task;
}

export function plainTask(plan: ActuatorPlan): Task {
  return taskOf(plan);
}

/** The plain task reworded in `style`: same world, same expectations. */
export function styledTask(plan: ActuatorPlan, style: Style): Task {
  const prompt = plan.styled[style] ?? (style === 'misspelled' ? misspell(plan.prompt, plan.id) : style === 'wordy' ? wordy(plan.prompt, plan.id) : undefined);
  if (prompt === undefined) throw new Error(`${plan.id}: no ${style} prompt written`);
  return taskOf(plan, { style, prompt });
}

/**
 * The styles of a plan's variants: `count` styles taken in turn from all five, starting where the plan's place in
 * its bank puts it, so each style comes up about equally often; a hand-written style the plan lacks is skipped.
 */
export function stylesFor(plan: ActuatorPlan, index: number, count: number): Style[] {
  const chosen: Style[] = [];
  for (let k = 0; chosen.length < count && k < STYLES.length; k++) {
    const style = STYLES[(index * count + k) % STYLES.length]!;
    if (style === 'misspelled' || style === 'wordy' || plan.styled[style] !== undefined) chosen.push(style);
  }
  return chosen;
}

/** The plain task, then its variants in the given styles. */
export function tasksOf(plan: ActuatorPlan, styles: readonly Style[]): Task[] {
  return [plainTask(plan), ...styles.map((style) => styledTask(plan, style))];
}

/** A deterministic draw in [0, 1) for `key`. */
function draw(key: string): number {
  return (hashString(key) % 10_000) / 10_000;
}

/** The slips a hurried typist makes in one word: a dropped, doubled or swapped letter. */
function slip(word: string, key: string): string {
  const at = 1 + Math.floor(draw(`${key}:at`) * (word.length - 2));
  const kind = Math.floor(draw(`${key}:kind`) * 3);
  if (kind === 0) return word.slice(0, at) + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + word[at] + word.slice(at);
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

/**
 * The prompt as a hurried typist writes it: about a third of the longer words carry one slip, at least two do,
 * and numbers, units and tool-like words (with digits or underscores) stay as they are.
 */
export function misspell(prompt: string, key: string): string {
  const parts = prompt.split(/(\s+)/);
  const candidates = parts.flatMap((part, i) => (/^[A-Za-z]{5,}[,.!?;:]?$/.test(part) ? [i] : []));
  const picked = new Set(candidates.filter((i) => draw(`${key}:${i}`) < 0.34));
  for (const i of [...candidates].sort((a, b) => parts[b]!.length - parts[a]!.length || a - b)) {
    if (picked.size >= Math.min(2, candidates.length)) break;
    picked.add(i);
  }
  return parts
    .map((part, i) => {
      if (!picked.has(i)) return part;
      const [, word, tail] = /^([A-Za-z]+)(.*)$/.exec(part)!;
      return slip(word!, `${key}:${i}`) + tail;
    })
    .join('');
}

const OPENINGS = [
  'Hi there! I hope your day is going well. I have a small favour to ask, if that is all right with you.',
  'Hello again. Sorry to bother you with this, I know it is probably a small thing, but it would really help me out.',
  'Right, so, I have been meaning to sort this out for a while now and I keep forgetting, so here goes.',
  'Hey, quick one before it slips my mind again, and apologies in advance if this comes out a bit long-winded.',
  'Oh, hello! I was just thinking about the house and there is something I would like you to take care of for me.',
];
const CLOSINGS = [
  'Thanks a lot, I really do appreciate your help with this.',
  'No rush on my account, but please let me know how it went once you are done. Thank you!',
  'Many thanks in advance, you are a lifesaver.',
  'That is everything for now, cheers!',
  'Thank you so much, and sorry again for the long message.',
];

/** The prompt inside the pleasantries of a chatty user. */
export function wordy(prompt: string, key: string): string {
  const opening = OPENINGS[hashString(`${key}:open`) % OPENINGS.length]!;
  const closing = CLOSINGS[hashString(`${key}:close`) % CLOSINGS.length]!;
  return `${opening} ${prompt} ${closing}`;
}
