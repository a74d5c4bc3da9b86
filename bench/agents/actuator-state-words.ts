/**
 * An actuator tool's structured result said in words, as an assistant reports it back ("the lamp in the living
 * room is on, at 40 %"), never the tool's text pasted: a copied tool reply is not a statement.
 */

/** "on" / "off", "open" / "closed", "open, at 30 %", "closed, at 0 %": a level field and its state in words. */
export function stateWords(field: string, state: number, unit: string | null): string {
  const figure = unit === null ? String(state) : `${state} ${unit}`;
  const opens = field.includes('open');
  // A whole-number on/off or open/closed level (`on`, `open`) says only which.
  if (unit === null && (state === 0 || state === 1)) return opens ? (state === 1 ? 'open' : 'closed') : state === 1 ? 'on' : 'off';
  const which = state === 0 ? (opens ? 'closed' : 'off') : opens ? 'open' : 'on';
  return `${which}, at ${figure}`;
}

/** One sentence about an actuator result (`ActuatorToolOutput`), or undefined when it is not one. */
export function actuatorSentence(structured: Record<string, unknown> | null | undefined): string | undefined {
  const actuator = structured?.['actuator'];
  const field = structured?.['field'];
  const state = structured?.['state'];
  if (typeof actuator !== 'string' || typeof field !== 'string' || typeof state !== 'number') return undefined;
  const place = typeof structured?.['place'] === 'string' ? ` in the ${structured['place'].replace(/-/g, ' ')}` : '';
  const unit = typeof structured?.['unit'] === 'string' ? structured['unit'] : null;
  const moved = structured?.['event'] !== undefined;
  return `${moved ? 'Done: the' : 'The'} ${actuator}${place} is ${stateWords(field, state, unit)}.`;
}
