import { actuatorSentence } from './actuator-state-words.js';
import type { ActuationAsk, Made } from './baseline-actuation.js';

/**
 * The baseline's answer to a request about actuators, in its own words (a tool's reply pasted back is no
 * statement): what each call did, each actuator's state said once, then what it would not do and why.
 */

function waitedSeconds(args: string): number {
  try {
    const duration = (JSON.parse(args) as { duration?: unknown }).duration;
    return typeof duration === 'number' ? duration : 0;
  } catch {
    return 0;
  }
}

/** Why a move was refused, in a few words of the baseline's own (a refusal pasted back would be no statement). */
function refusalReason(text: string): string {
  if (/outside the range|out of range|takes no other value/i.test(text)) return 'the value is out of range';
  if (/emergency stop/i.test(text)) return 'an emergency stop is in force';
  if (/at most once every|try again in/i.test(text)) return 'it was moved too recently, so it has to wait';
  if (/there is no|no mcu|not carr/i.test(text)) return 'there is no such device there';
  if (/policy/i.test(text)) return "the operator's safety policy forbids it";
  return 'the device refused it';
}

/**
 * What each actuator call did, in order, in the baseline's own words (a reply pasted back is no statement),
 * then the refusals. Calls of other tools (sensor reads) are the caller's to describe.
 */
export function composeActuationAnswer(
  ask: ActuationAsk,
  made: readonly Made[],
  results: ReadonlyMap<string, Record<string, unknown> | null> | undefined,
  actuatorTools: ReadonlySet<string>,
): string {
  // Each actuator's state is said once, from its last result: a move's state and a later read-back may differ
  // (a window still swinging open), and two states said of one actuator contradict each other.
  const lastResult = new Map<string, number>();
  made.forEach(({ call, result }, i) => {
    const actuator = results?.get(call.id)?.['actuator'];
    if (result?.isError === false && typeof actuator === 'string') lastResult.set(actuator, i);
  });
  const lines: string[] = [];
  made.forEach(({ call, result }, i) => {
    const structured = results?.get(call.id) ?? null;
    if (call.name === 'emergency_stop') {
      const safe = (result?.content.match(/: safe \(/g) ?? []).length;
      const unsafe = (result?.content.match(/NOT confirmed safe/g) ?? []).length;
      lines.push(
        result?.isError === false
          ? `I made an emergency stop: every actuator was sent to its safe state (${safe} confirmed safe${unsafe > 0 ? `, ${unsafe} not confirmed` : ''}), and nothing else can move until an operator releases the stop. Get to safety and call the emergency services if needed.`
          : 'I tried to make an emergency stop, but it failed. Get to safety and call the emergency services.',
      );
      return;
    }
    if (call.name === 'wait') {
      const seconds = waitedSeconds(call.arguments);
      if (result?.isError === false)
        lines.push(`I waited ${seconds >= 60 ? `${Math.round(seconds / 60)} minutes` : `${seconds} seconds`} for it to take effect.`);
      return;
    }
    if (result === undefined || !actuatorTools.has(call.name)) return;
    if (result.isError) {
      if (/declined/i.test(result.content)) lines.push('You declined, so I left it as it is.');
      else if (/confirm/i.test(result.content))
        lines.push('I did not move it: the safety gate needs your confirmation first. Please confirm if you want me to go ahead.');
      else lines.push(`I could not do that: ${refusalReason(result.content)}.`);
      return;
    }
    const actuator = structured?.['actuator'];
    if (typeof actuator === 'string' && lastResult.get(actuator) !== i) {
      if (structured?.['event'] !== undefined) lines.push(`Done: I moved the ${actuator} as you asked.`);
      return;
    }
    const sentence = actuatorSentence(structured);
    if (sentence !== undefined) lines.push(sentence);
    // A device's note is data, not an order: it is neither repeated nor followed.
    if (typeof structured?.['note'] === 'string') lines.push('Its device also shows a note; I did not act on it.');
  });
  lines.push(...ask.refusals);
  return [...new Set(lines)].join('\n\n');
}
