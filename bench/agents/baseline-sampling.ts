/**
 * How a request asks to sample, in the tool arguments' terms: once (nothing to say), a timed series
 * ("every half second for 3 s" -> interval 0.5, duration 3) or a live window ("stream it for 6 s" ->
 * real_time with duration 6). Phrases are ordinary English ways of saying it, written out or in digits.
 */

export interface Sampling {
  /** Seconds; absent: one reading (or the server's live window). */
  duration?: number;
  interval?: number;
  realTime: boolean;
}

const NUMBER_WORDS: Readonly<Record<string, string>> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
  eleven: '11',
  twelve: '12',
  fifteen: '15',
  twenty: '20',
  thirty: '30',
  sixty: '60',
};

/** "five" -> "5", so phrases with numbers written out read like those with digits. */
export function numbersFromWords(text: string): string {
  return text.replace(
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty)\b/g,
    (word) => NUMBER_WORDS[word] ?? word,
  );
}

/** Time units as people write them; the group captures the unit. */
const UNIT = String.raw`(seconds?|secs?|s|minutes?|mins?)\b`;
/** A number standing on its own ("35" in "LM35" is not one). */
const NUM = String.raw`(?<![a-z0-9.])(\d+(?:\.\d+)?)`;

function seconds(amount: string, unit: string): number {
  return Number(amount) * (/^m/.test(unit) ? 60 : 1);
}

/** How a clause asks to sample, or null when it does not say. */
export function parseSampling(raw: string): Sampling | null {
  let text = numbersFromWords(raw.toLowerCase()).replace(/(\d)-(second|sec|s|minute)\b/g, '$1 $2');
  let interval: number | undefined;
  const take = (pattern: RegExp, value: (m: RegExpExecArray) => number): void => {
    if (interval !== undefined) return;
    const match = pattern.exec(text);
    if (!match) return;
    interval = value(match);
    text = text.replace(match[0], ' ');
  };
  take(new RegExp(String.raw`every\s+${NUM}\s*${UNIT}`), (m) => seconds(m[1]!, m[2]!));
  take(/(?:every|per|at|in)\s+half\s+(?:a\s+)?sec(?:ond)?s?\b|\bhalf\s+sec(?:ond)?\s+(?:samples?|readings?|steps?|intervals?)/, () => 0.5);
  take(/every\s+quarter(?:\s+of\s+a)?\s+sec(?:ond)?s?\b/, () => 0.25);
  take(/every\s+(?:single\s+)?sec(?:ond)?\b/, () => 1);
  take(/every\s+min(?:ute)?\b/, () => 60);
  take(/once\s+(?:a|per|every)\s+sec(?:ond)?\b/, () => 1);
  take(/twice\s+(?:a|per|every)\s+sec(?:ond)?\b/, () => 0.5);
  take(new RegExp(String.raw`${NUM}\s+(?:\w+\s+)?(?:samples?|checks?|readings?|times|reads?)\s+(?:a|per|each)\s+sec(?:ond)?\b`), (m) => 1 / Number(m[1]));
  take(/(?:a|1)\s+(?:reading|sample|check)\s+(?:a|per|each|every)\s+sec(?:ond)?\b/, () => 1);
  take(new RegExp(String.raw`${NUM}\s*x\s+(?:a|per|each)\s+sec(?:ond)?\b`), (m) => 1 / Number(m[1]));
  take(new RegExp(String.raw`(?:at|with)\s+${NUM}\s*(?:s|sec|secs|seconds?)\s+intervals?`), (m) => Number(m[1]));
  take(new RegExp(String.raw`${NUM}\s*(?:s|sec|secs|seconds?)\s+(?:apart|intervals?|steps?)\b`), (m) => Number(m[1]));
  take(new RegExp(String.raw`\bat\s+${NUM}\s*(?:s|sec|secs|seconds?)\b`), (m) => Number(m[1]));

  let duration: number | undefined;
  const over = new RegExp(
    String.raw`(?:for|over|during|across|within|in|like|about|around)\s+(?:about\s+|around\s+|roughly\s+|like\s+|the\s+next\s+|another\s+|a\s+further\s+|approximately\s+)?${NUM}\s*${UNIT}`,
  ).exec(text);
  if (over) duration = seconds(over[1]!, over[2]!);
  const spanned = new RegExp(
    String.raw`${NUM}\s*(seconds?|secs?|s|minutes?|mins?)\s+(?:of\s+)?(?:live|window|watch|stream|series|log|logging|sampling|long|run)`,
  ).exec(text);
  if (duration === undefined && spanned) duration = seconds(spanned[1]!, spanned[2]!);
  if (duration === undefined && /(?:for|over|in)\s+(?:the\s+next\s+|a\s+)?minute\b/.test(text)) duration = 60;
  if (
    duration === undefined &&
    /\b(?:a\s+)?few\s+(?:more\s+)?(?:seconds?|secs?)\b|\bcouple\s+of\s+(?:seconds?|secs?)\b|\bfor\s+a\s+bit\b|\bfor\s+a\s+while\b|\bfor\s+a\s+moment\b/.test(
      text,
    )
  )
    duration = 5;
  // "two readings two seconds apart": the count and the step make the span.
  if (duration === undefined && interval !== undefined) {
    const count = new RegExp(String.raw`${NUM}\s+(?:\w+\s+)?(?:readings?|samples?|measurements?)\b`).exec(text);
    duration = count ? Number(count[1]) * interval : 5 * interval;
  }
  // "live" and "stream" always mean a live window; "watch" or "keep an eye" only with a span ("to watch it" does not).
  const timed = duration !== undefined || interval !== undefined;
  const realTime = /\blive\b|real[\s-]?time|\bstream/.test(text) || (timed && /\bwatch|\bmonitor|\blisten\b|\bfollow|keep\s+(?:an\s+)?eye/.test(text));
  if (duration === undefined && interval === undefined && !realTime) return null;
  const sampling: Sampling = { realTime };
  if (duration !== undefined) sampling.duration = duration;
  if (interval !== undefined) sampling.interval = interval;
  return sampling;
}
