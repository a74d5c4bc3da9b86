import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expr } from '../../../tasks/schema.js';
import { met, yesNoFact } from './facts.test-helper.js';

/** Which statements of a verdict count: labels, advice, the rest of a series, replies, the statement's own subject. */

const last: Expr = { ref: 'main', agg: 'last' };

test('a verdict label is the verdict when what follows is its evidence, not when what follows answers it', () => {
  const louder = yesNoFact('louder', { op: 'gt', args: [{ ref: 'main', agg: 'delta' }, { const: 0 }] }, ['louder', 'rose'], ['quieter', 'dropped']);
  assert.deepEqual(met('Louder: 45.8 → 57.3 dBA from first to last sample.', [louder], { main: [45.8, 57.3] }), { louder: true });
  const pressed = yesNoFact('pressed', last, ['pressed'], ['released']);
  assert.deepEqual(met('Pressed: it is not pressed.', [pressed], { main: [false] }), { pressed: true });
  const alarm = yesNoFact('alarm', last, ['tripped', 'alarm'], ['alarm is off']);
  assert.deepEqual(met('Over-temperature alarm: not tripped', [alarm], { main: [false] }), { alarm: true });
  const agree = yesNoFact('agree', { op: 'eq', args: [last, { const: 0 }] }, ['consistent'], ['inconsistent']);
  assert.deepEqual(met("They're consistent: pin level 0 and blocked = false.", [agree], { main: [0] }), { agree: true }, 'a statement, not a label');
});

test('a verb of the verdict used as a noun ("the 40 °C trip") states nothing', () => {
  const alarm = yesNoFact('alarm', last, ['tripped', 'alarm'], ['alarm is off']);
  assert.deepEqual(met('Alarm off; 15.6 °C of headroom to the 40 °C trip.', [alarm], { main: [false] }), { alarm: true });
  assert.deepEqual(met('The alarm did trip.', [alarm], { main: [false] }), { alarm: false });
});

test('"which means that yes, a magnet is near" is a conclusion, not a definition', () => {
  const magnet = yesNoFact('magnet', last, ['magnet is near', 'switch is on'], ['no magnet', 'switch is off']);
  assert.deepEqual(met('The switch is true, which means that yes, a magnet is near the sensor.', [magnet], { main: [true] }), { magnet: true });
  assert.deepEqual(met('1 means a magnet is near; it reads 0.', [magnet], { main: [true] }), { magnet: false });
});

test('advice that is itself the verdict counts; other advice does not', () => {
  const start = yesNoFact('start', { op: 'lt', args: [last, { const: 30 }] }, ['go ahead'], ['wait', 'too warm']);
  assert.deepEqual(met('Workshop (MPU6050): wait.', [start], { main: [35.3] }), { start: true });
  const hat = yesNoFact('hat', { op: 'ge', args: [last, { const: 3 }] }, ['put a hat on'], ['skip']);
  assert.deepEqual(met("Don't put a hat on: the UV index is 1.2.", [hat], { main: [1.2] }), { hat: true });
  assert.deepEqual(met('Put a hat on.', [hat], { main: [5.6] }), { hat: true });
});

test('"0 of the 5 readings" denies what they flagged', () => {
  const shock = yesNoFact('shock', { ref: 'main', agg: 'any' }, ['shock', 'vibration'], ['still', 'no vibration']);
  assert.deepEqual(met('0 of the 5 readings flagged shock.', [shock], { main: [false, false, false, false, false] }), { shock: true });
});

test('a statement about the rest of the samples is no verdict on the series', () => {
  const high = yesNoFact('high', { op: 'gt', args: [{ ref: 'main', agg: 'max' }, { const: 0 }] }, ['went high', 'high'], ['stayed low', 'low']);
  const readings = { main: [0, 0, 0, 0, 0, 1, 0, 1] };
  assert.deepEqual(met('The pin read high in 2 samples; all other samples were low. So yes, it did go high.', [high], readings), { high: true });
  assert.deepEqual(met('The pin read high in 2 samples, but it was low.', [high], readings), { high: false });
});

test('"No." opening an answer is a reply, not the abbreviation of "number"', () => {
  const five = yesNoFact(
    'five',
    { op: 'ge', args: [{ ref: 'main', agg: 'count', where: { cmp: 'eq', value: true } }, { const: 5 }] },
    ['5 or more', 'above'],
    ['only', 'fewer', 'short of'],
  );
  const readings = { main: [true, true, true, true, false, false] };
  assert.deepEqual(met('No. Only 4 of the 6 readings showed motion, short of the 5 you were after.', [five], readings), { five: true });
});

test('a reply that leaves its verb phrase to the question ("They did not.") is a verdict', () => {
  const five = yesNoFact(
    'five',
    { op: 'ge', args: [{ ref: 'main', agg: 'count', where: { cmp: 'eq', value: true } }, { const: 5 }] },
    ['5 or more'],
    ['fewer'],
  );
  const readings = { main: [true, true, true, true, false, false] };
  const asked = 'You asked whether five or more of six readings showed motion.';
  assert.deepEqual(met(`${asked} They did not: motion was detected in 4 readings out of 6.`, [five], readings), { five: true });
  assert.deepEqual(met(`${asked} They did: motion was detected in 4 readings out of 6.`, [five], readings), { five: false });
});

test('"Not yet" is a no; a reply given as a likelihood says both', () => {
  const done = yesNoFact('done', { op: 'not', args: [last] }, ['done', 'left'], ['still there', 'occupied']);
  assert.deepEqual(met('Not yet, by the looks of it.', [done], { main: [true] }), { done: true });
  const magnet = yesNoFact('magnet', { ref: 'main', agg: 'any' }, ['magnet detected'], ['no magnet']);
  assert.deepEqual(met('The switch stayed false for the 6 readings, so probably no.', [magnet], { main: [false, false] }), { magnet: false });
  assert.deepEqual(met('The switch stayed false for the 6 readings, so no.', [magnet], { main: [false, false] }), { magnet: true });
});

test('a verdict is about what its own statement names, not what the next statement of its sentence names', () => {
  const button = yesNoFact('button', last, ['pressed'], ['released'], { places: ['living-room'], sensors: ['KY-004'] });
  const answer = "Yes, he's pressing it right now - and the living room is at 64.5 dBA, loud enough that the sound sensor has triggered.";
  assert.deepEqual(met(answer, [button], { main: [true] }), { button: true });
  assert.deepEqual(met('Yes, the sound sensor has triggered.', [button], { main: [true] }), { button: false }, 'a yes said of another sensor');
});

test('a flag noun whose predicate is a verdict of its own is its subject', () => {
  const alarm = yesNoFact('alarm', last, ['alarm', 'triggered'], ['all clear']);
  assert.deepEqual(met('The LM35 on the kitchen board reports its over-temperature alarm as not triggered.', [alarm], { main: [false] }), { alarm: true });
  const shock = yesNoFact('shock', { ref: 'main', agg: 'any' }, ['vibration', 'shock', 'detected'], ['still', 'nothing']);
  assert.deepEqual(met('No vibration detected.', [shock], { main: [false, false] }), { shock: true });
});

test('a flag and its state joined by "=" state the state, wherever the clause goes on', () => {
  const shock = yesNoFact('shock', { ref: 'main', agg: 'any' }, ['vibration', 'shock'], ['still', 'calm']);
  assert.deepEqual(met('SW420, 5 s window, 5 samples: shock=false throughout.', [shock], { main: [false, false, false] }), { shock: true });
  const blocked = yesNoFact('blocked', { ref: 'main', agg: 'any' }, ['blocked', 'entry'], ['clear']);
  assert.deepEqual(met('KY-010 kitchen: blocked=false on both samples.', [blocked], { main: [false, false] }), { blocked: true });
});

test('a verdict with its colon-led evidence, or naming the thing compared, is a statement', () => {
  const same = yesNoFact('same', { op: 'eq', args: [{ ref: 'main', agg: 'first' }, last] }, ['same', 'match'], ['changed', 'different']);
  assert.deepEqual(met('They match: it started at 0 and ended at 0.', [same], { main: [0, 0] }), { same: true });
  assert.deepEqual(met('Same value. The raw output was 0 at the first sample and 0 at the last.', [same], { main: [0, 0] }), { same: true });
});

test('a crossing says the series was on both sides of the line, whichever way it went', () => {
  const within = yesNoFact('within', { op: 'lt', args: [{ ref: 'main', agg: 'min' }, { const: 80 }] }, ['within 80', 'below'], ['beyond', 'crossed', 'above']);
  const answer = 'It did. It started at 62.2 cm, then backed off: it crossed the 80 cm line around the 2-second mark.';
  assert.deepEqual(met(answer, [within], { main: [62.2, 85, 120] }), { within: true });
  const stayed = yesNoFact('stayed', { op: 'lt', args: [{ ref: 'main', agg: 'max' }, { const: 80 }] }, ['stayed below', 'below'], ['crossed', 'above']);
  assert.deepEqual(met('It crossed the 80 cm line after two seconds.', [stayed], { main: [62.2, 85] }), { stayed: true });
});

test('a verb of a threshold verdict with its amount states the amount only', () => {
  const moved = yesNoFact(
    'moved',
    { op: 'gt', args: [{ op: 'abs', args: [{ ref: 'main', agg: 'delta' }] }, { const: 2 }] },
    ['changed', 'moved'],
    ['same', 'under'],
  );
  assert.deepEqual(met('No - it only changed by 0.3 cm, well under 2 cm.', [moved], { main: [119.7, 120] }), { moved: true });
});

test('a possibility counts both ways whatever the question quantifies', () => {
  const clicked = yesNoFact('clicked', { ref: 'main', agg: 'any' }, ['clicks', 'pressed'], ['never pressed']);
  assert.deepEqual(met('Hard to say from this whether his clicks are being missed.', [clicked], { main: [false, true] }), { clicked: false });
});

test('"neither ... nor" is one denial', () => {
  const empty = yesNoFact('empty', { op: 'not', args: [{ ref: 'main', agg: 'any' }] } as Expr, ['empty'], ['motion']);
  assert.deepEqual(met('Yes, the house looks empty - neither the living room nor the kitchen PIR detects any motion.', [empty], { main: [false] }), {
    empty: true,
  });
});

test('"Not right now:" opening a reply says no', () => {
  const sneak = yesNoFact('sneak', { op: 'not', args: [last] } as Expr, ['empty', 'go for it'], ['someone is there']);
  assert.deepEqual(met('Not right now: motion detected in the kitchen.', [sneak], { main: [true] }), { sneak: true });
});

test('a word of comparison before a colon is the verdict when figures follow, a label when a reply does', () => {
  const same = yesNoFact('same', { op: 'eq', args: [{ ref: 'main', agg: 'first' }, last] }, ['same'], ['different']);
  assert.deepEqual(met('Different: first 0, last 1.', [same], { main: [0, 1] }), { same: true });
  assert.deepEqual(met('Same: yes. First 0, last 0.', [same], { main: [0, 0] }), { same: true });
});

test('an amount after a verb of change is no verdict; a figure after a comparison is its threshold', () => {
  const moved = yesNoFact('moved', { op: 'gt', args: [{ op: 'abs', args: [{ ref: 'main', agg: 'delta' }] }, { const: 2 }] }, ['changed'], ['same']);
  assert.deepEqual(met('119.7 cm then 120.0 cm; changed 0.3 cm, so no.', [moved], { main: [119.7, 120] }), { moved: true });
  const above = yesNoFact('above', { op: 'gt', args: [{ ref: 'main', agg: 'max' }, { const: 3000 }] }, ['climbed above', 'above'], ['below']);
  assert.deepEqual(met('None of the eight samples climbed above 3000.', [above], { main: [948, 1452] }), { above: true });
});

test('a state said of the window with no moment settles whether anything happened; a likelihood says both', () => {
  const shock = yesNoFact('shock', { ref: 'main', agg: 'any' }, ['shock', 'vibration'], ['calm', 'still']);
  assert.deepEqual(met('The bench was calm.', [shock], { main: [false, false] }), { shock: true });
  assert.deepEqual(met('The bench was probably calm.', [shock], { main: [false, false] }), { shock: false });
  assert.deepEqual(met('The bench was calm, though there might have been a shock in one reading.', [shock], { main: [false, false] }), { shock: false });
  const pressed = yesNoFact('pressed', { ref: 'main', agg: 'any' }, ['pressed'], ['released']);
  const table = 'The button was pressed at least once.\n\n| Time | State |\n|---|---|\n| 0.0–2.5 s | released |\n| 3.0–4.0 s | pressed |\n| 4.5 s | released |';
  assert.deepEqual(met(table, [pressed], { main: [false, true, false] }), { pressed: true }, 'rows by time are moments');
});

test('a bare flag noun names the flag; only a predicate states it', () => {
  const motion = yesNoFact('motion', last, ['motion detected', 'motion', 'movement'], ['no motion', 'nobody']);
  assert.deepEqual(
    met('### Kitchen motion\nNo motion detected right now by the HC-SR501.', [motion], { main: [false] }),
    { motion: true },
    'a heading names the flag',
  );
  assert.deepEqual(
    met('It reported no motion, since one movement can hold the output high.', [motion], { main: [false] }),
    { motion: true },
    'a noun without a predicate states nothing',
  );
  assert.deepEqual(met('The PIR picked up motion in 3 of the 7 readings.', [motion], { main: [true] }), { motion: true });
  assert.deepEqual(met('There was movement in the room.', [motion], { main: [false] }), { motion: false });
  assert.deepEqual(met('Living room (HC-SR501): motion.', [motion], { main: [true] }), { motion: true }, 'a noun answering its label');
  assert.deepEqual(met('Workshop (SW420): motion throughout.', [motion], { main: [false] }), { motion: false });
  assert.deepEqual(met('Motion: detected.', [motion], { main: [true] }), { motion: true }, 'a predicate after a colon');
  assert.deepEqual(met('Motion is present in the kitchen.', [motion], { main: [false] }), { motion: false });
  const tilted = yesNoFact('tilted', last, ['tilted'], ['upright', 'not tilted']);
  assert.deepEqual(
    met('## Workshop Tilt Cross-Check\n- KY-020 tilt switch: Not tilted', [tilted], { main: [false] }),
    { tilted: true },
    'a bare stem is a noun',
  );
  const shock = yesNoFact('shock', last, ['vibration', 'shock'], ['no vibration']);
  assert.deepEqual(met("SW420: Yes, it's detecting vibration/shock right now.", [shock], { main: [true] }), { shock: true });
});

test('a reply after a long label, and "yes" without a comma, answer the question', () => {
  const stayed = yesNoFact('stayed', { op: 'ge', args: [{ ref: 'main', agg: 'min' }, { const: 3 }] }, ['stayed'], ['dropped']);
  assert.deepEqual(met('GUVA-S12SD on esp32c3-garden: yes, uvi stay >= 3 all the time.', [stayed], { main: [4.6, 5] }), { stayed: true });
  const clipping = yesNoFact('clipping', last, ['clipped', 'saturated'], ['not clipped']);
  assert.deepEqual(met('Both are max value, so yes both light sensors clipping in the sun.', [clipping], { main: [true] }), { clipping: true });
  const alarm = yesNoFact('alarm', last, ['alarm', 'in alarm'], ['no alarm']);
  assert.deepEqual(met('alarmed_roms is empty, so no probe in alarm.', [alarm], { main: [false] }), { alarm: true }, '"no probe" denies, it is no reply');
});

test('"mostly" and doubt cast on a statement do not settle the whole series', () => {
  const below = yesNoFact('below', { op: 'lt', args: [{ ref: 'main', agg: 'max' }, { const: 1 }] }, ['stayed below'], ['went above']);
  const readings = { main: [0.5, 0.66] };
  assert.deepEqual(met('The UV index mostly stayed below 1.', [below], readings), { below: false });
  assert.deepEqual(met("It stayed below 1, though I can't be fully sure it never touched 1 between samples.", [below], readings), { below: false });
  assert.deepEqual(met('It stayed below 1 the whole time.', [below], readings), { below: true });
});

test('general truths, "too ... to", field names and "No change" read as they mean', () => {
  const dry = yesNoFact('dry', { op: 'lt', args: [last, { const: 40 }] }, ['too dry', 'dry', 'below'], ['above']);
  assert.deepEqual(
    met('No, the air is not too dry at 56 %RH. Dry air usually becomes a problem below about 40%.', [dry], { main: [56] }),
    { dry: true },
    'a general truth',
  );
  assert.deepEqual(
    met('No, it reads 56%, above the roughly 40% level where dry air starts to irritate noses.', [dry], { main: [56] }),
    { dry: true },
    'what defines the level',
  );
  const hot = yesNoFact('hot', { op: 'gt', args: [last, { const: 30 }] }, ['too hot', 'above'], ['comfortable']);
  assert.deepEqual(met('It read 33.3 C, so yes it is too hot to work comfortably.', [hot], { main: [33.3] }), { hot: true });
  const alarm = yesNoFact('alarm', last, ['alarmed', 'in alarm'], ['no probe in alarm']);
  assert.deepEqual(met('The alarmed_roms list is empty.', [alarm], { main: [false] }), { alarm: false }, 'a field name states nothing');
  const changed = yesNoFact('changed', { op: 'ne', args: [{ ref: 'main', agg: 'first' }, last] }, ['changed'], ['same']);
  assert.deepEqual(met('No change. Both readings reported no motion.', [changed], { main: [false, false] }), { changed: true });
  const dropped = yesNoFact('dropped', { op: 'lt', args: [{ ref: 'main', agg: 'min' }, { const: 9 }] }, ['dropped below'], ['stayed above']);
  assert.deepEqual(met('Dropped below 9 m/s²? ❌ No.\nLowest z: 9.757 m/s².', [dropped], { main: [9.757, 9.8] }), { dropped: true }, 'a reply after a symbol');
});

test('a reply that commits is not taken back by a condition, a possibility or a stretch of the series', () => {
  const motion = yesNoFact('motion', { ref: 'main', agg: 'any' }, ['motion', 'someone came in'], ['no motion', 'nobody']);
  const readings = { main: [false, false, false, false, true, true] };
  assert.deepEqual(met('Yes, someone came in. The PIR showed no motion for the first four seconds, then motion from t=4 s.', [motion], readings), {
    motion: true,
  });
  assert.deepEqual(
    met('Yes, someone came in. The PIR showed no motion at all.', [motion], readings),
    { motion: false },
    'a denial of the whole window still conflicts',
  );
  const warm = yesNoFact(
    'warm',
    { op: 'gt', args: [{ ref: 'main', agg: 'last' }, { const: 26 }] },
    ['worth switching', 'uncomfortable'],
    ['comfortable', 'not worth'],
  );
  assert.deepEqual(met("Yes, it's worth switching the air con on: 31 °C. Setting it to 24 °C should make it comfortable.", [warm], { main: [31] }), {
    warm: true,
  });
  assert.deepEqual(met("Yes, it's worth switching the air con on. The room is comfortable.", [warm], { main: [31] }), { warm: false });
  const flame = yesNoFact('flame', { ref: 'main', agg: 'last' }, ['flame detected', 'triggered'], ['no flame', 'not burning']);
  assert.deepEqual(met('Yes, the kitchen KY-026 is triggered. If nothing is meant to be burning, check it now.', [flame], { main: [true] }), { flame: true });
});

test('"so yes" after a worked comparison is the reply; an open "if" clause states nothing', () => {
  const dry = yesNoFact('dry', { op: 'gt', args: [{ ref: 'main', agg: 'last' }, { const: 3500 }] }, ['dry'], ['wet', 'moist']);
  assert.deepEqual(met('raw = 3813 (esp32c3-garden). 3813 > 3500 so yes, soil is dry.', [dry], { main: [3813] }), { dry: true });
  assert.deepEqual(met('raw = 3813. 3813 > 3500 so no.', [dry], { main: [3813] }), { dry: false });
  const flame = yesNoFact('flame', { ref: 'main', agg: 'last' }, ['flame detected', 'triggered'], ['no flame', 'not burning']);
  assert.deepEqual(
    met('Yes, the kitchen KY-026 flame sensor is triggered. If nothing is meant to be burning in there (a gas hob in use, say), check it.', [flame], {
      main: [true],
    }),
    { flame: true },
  );
});

test('a committed reply is not taken back by a possibility after it, nor is the subject of a "might" a verdict', () => {
  const motion = yesNoFact('motion', last, ['motion', 'someone'], ['no motion', 'nobody', 'still']);
  const answer = 'No, the kitchen shows no motion. A PIR only sees moving warm bodies, so someone sitting very still might not register.';
  assert.deepEqual(met(answer, [motion], { main: [false] }), { motion: true });
  assert.deepEqual(
    met('The kitchen shows no motion, though someone sitting very still might not register.', [motion], { main: [false] }),
    { motion: false },
    'without a reply, a possibility says both',
  );
  assert.deepEqual(met('No motion in the kitchen. Maybe someone is there.', [motion], { main: [false] }), { motion: false });
});

test('a bare reply after a label naming the question is its verdict, and commits as an opening reply does', () => {
  const flame = yesNoFact('flame', last, ['flame detected', 'a flame', 'flame'], ['no flame']);
  const answer =
    "- **Flame detected:** **Yes** (`detected: true`)\n- **Analog output:** 0.436 V\n\nIf you weren't expecting a flame in the kitchen, check right away!";
  assert.deepEqual(met(answer, [flame], { main: [true] }), { flame: true });
  assert.deepEqual(met('- **Flame detected:** **No**', [flame], { main: [true] }), { flame: false });
  assert.deepEqual(met('- **Flame detected:** **Yes**\n- **Flame detected:** **No**', [flame], { main: [true] }), { flame: false });
});

test('a reply after an arrow or "the answer is" is a verdict: "Not more than 2 s -> answer is no."', () => {
  const long = yesNoFact(
    'long',
    { op: 'gt', args: [{ ref: 'main', agg: 'count', where: { cmp: 'eq', value: 1 } }, { const: 4 }] },
    ['more than 2 s'],
    ['2 s or less'],
  );
  const beam = { main: [0, 0, 0, 0, 0, 0, 1, 1, 0, 0] };
  assert.deepEqual(met('KY-010 kitchen: raw = 1 only at t=3.0 and t=3.5 s. So high about 1 s -> answer is no.', [long], beam), { long: true });
  assert.deepEqual(met('KY-010 kitchen: raw = 1 only at t=3.0 and t=3.5 s. So high about 1 s -> answer is yes.', [long], beam), { long: false });
  assert.deepEqual(met('KY-010 kitchen: raw = 1 only at t=3.0 and t=3.5 s. The answer is no.', [long], beam), { long: true });
});

test('a denial under a label tied to a moment ("t = 0–3 s: no touch") is said of that part of the series only', () => {
  const touched = yesNoFact('touched', { ref: 'main', agg: 'any' }, ['touched', 'touch'], ['no touch', 'untouched']);
  const readings = { main: [false, false, false, false, true, true, false] };
  assert.deepEqual(met('Yes, it was touched.\n\n- t = 0–3 s: no touch\n- t = 4–5 s: touched\n- t = 6 s: no touch', [touched], readings), { touched: true });
  assert.deepEqual(met('Touch sensor: no touch.', [touched], readings), { touched: false }, 'a label naming no moment still denies the whole window');
});

test('with two yes/no questions, a reply answers the one its statement names', () => {
  const low = yesNoFact('low', { ref: 'button', agg: 'any' }, ['went low', 'pressed'], ['stayed high'], { sensors: ['KY-004'] });
  const motion = yesNoFact('motion', { ref: 'pir', agg: 'last' }, ['somebody', 'motion'], ['nobody'], { sensors: ['HC-SR501'] });
  const readings = { button: [false, true, false], pir: [true] };
  const answer = '1. KY-004 pin: Yes, it went low at t=1 s.\n\n2. HC-SR501: Yes, it sees somebody.\n\nSo someone likely pressed the button around t=1 s.';
  assert.deepEqual(met(answer, [low, motion], readings), { low: true, motion: true });
  assert.deepEqual(
    met('KY-004 pin: it might have been pressed, or not. HC-SR501: Yes, it sees somebody.', [low, motion], readings),
    { low: false, motion: true },
    "one question's reply does not commit the other",
  );
});

test('a verdict word inside a compound name ("Loud-sound trigger") states nothing', () => {
  const loud = yesNoFact('loud', { op: 'gt', args: [{ ref: 'main', agg: 'max' }, { const: 60 }] }, ['loud', 'too loud'], ['quiet']);
  assert.deepEqual(met("No, it's not too loud. Loud-sound trigger: not triggered.", [loud], { main: [43.3, 43.3] }), { loud: true });
});

test('a condition cannot contradict a claim, but it is read where nothing else is said', () => {
  const flame = yesNoFact('flame', last, ['a flame', 'burning', 'flame'], ['no flame']);
  assert.deepEqual(met('The flame sensor does see a flame. If nothing should be burning in the kitchen, go and check.', [flame], { main: [true] }), {
    flame: true,
  });
  assert.deepEqual(met('The sensor sees a flame. It is not burning.', [flame], { main: [true] }), { flame: false }, 'two claims still contradict');
});

test('a verdict word as the baseline of a comparison or the name of a line is no verdict', () => {
  const alarm = yesNoFact('alarm', last, ['tripped', 'alarm'], ['normal', 'not tripped']);
  assert.deepEqual(met('Yes, the alarm has tripped. 63.2 °C is far above normal room temperature.', [alarm], { main: [true] }), { alarm: true });
  const dry = yesNoFact('dry', { op: 'lt', args: [{ ref: 'main', agg: 'max' }, { const: 300 }] }, ['dry', 'dried', 'under'], ['wet', 'still wet']);
  assert.deepEqual(met('No, it has not dried. Your threshold for dry is under 300 counts, and the floor is still wet at 769.', [dry], { main: [769, 760] }), {
    dry: true,
  });
  assert.deepEqual(met('It is dry.', [dry], { main: [769, 760] }), { dry: false });
});

test('a comparison is read against the line the question draws, not a point the deviation is measured from', () => {
  const far = yesNoFact(
    'far',
    { op: 'gt', args: [{ op: 'abs', args: [{ op: 'sub', args: [last, { const: 2048 }] }] }, { const: 100 }] },
    ['more than', 'beyond'],
    ['below', 'within'],
  );
  assert.deepEqual(met('Yes. It reads 1771, which sits 277 counts below the 2048 midpoint.', [far], { main: [1771] }), { far: true });
  assert.deepEqual(met('It is within 100 counts of the midpoint.', [far], { main: [1771] }), { far: false });
});

test('the rest of a series stays the rest across a parenthesis', () => {
  const beyond = yesNoFact('beyond', { op: 'gt', args: [{ ref: 'main', agg: 'max' }, { const: 30 }] }, ['beyond'], ['within']);
  const readings = { main: [21.56, -56.6, 53, 27.56, -13.22] };
  assert.deepEqual(met('Yes, it went beyond 30 °/s. The remaining three samples (21.56, 27.56 and -13.22 °/s) stayed within ±30 °/s.', [beyond], readings), {
    beyond: true,
  });
});

test('a sensor said to fire states its flag; said not to, denies it', () => {
  const flame = yesNoFact('flame', last, ['flame', 'fire'], ['no flame']);
  assert.deepEqual(met('Flame sensor triggered (KY-026 detected = true).', [flame], { main: [true] }), { flame: true });
  assert.deepEqual(met("The flame sensor hasn't triggered.", [flame], { main: [true] }), { flame: false });
});

test('a state in a field written before a parenthesis ("motion = true (someone there)") is read', () => {
  const motion = yesNoFact('motion', last, ['motion', 'someone is'], ['no motion']);
  assert.deepEqual(met('HC-SR501 motion = false (nobody there).', [motion], { main: [true] }), { motion: false });
  assert.deepEqual(met('HC-SR501 motion = true (someone there).', [motion], { main: [true] }), { motion: true });
});

test('a person wanted, a person a sensor can miss, and an unlikely one are not a person present', () => {
  const present = yesNoFact('present', last, ['someone', 'anyone', 'motion'], ['nobody', 'no motion']);
  const answer =
    'The PIR reported motion = false, so nobody is in the kitchen. A PIR can miss someone standing still, but it is unlikely anyone is mopping, so it is worth getting someone to look.';
  assert.deepEqual(met(answer, [present], { main: [false] }), { present: true });
  assert.deepEqual(met('It is unlikely anyone is there.', [present], { main: [true] }), { present: false });
});

test('advice after a dash is advice ("- check whether something is overheating")', () => {
  const alarm = yesNoFact('alarm', last, ['tripped', 'overheating'], ['not tripped']);
  assert.deepEqual(
    met('The alarm has tripped. That is very hot for a kitchen - check whether it sits near the oven, or whether something is overheating.', [alarm], {
      main: [true],
    }),
    { alarm: true },
  );
});

test('a verdict noun joined to the other side\'s word ("vibration and still") is offered as a state, so the pair says both', () => {
  const shock = yesNoFact('shock', { ref: 'main', agg: 'any' }, ['vibration', 'shock'], ['still', 'calm']);
  const calm = { main: [false, false, false] };
  assert.deepEqual(met('The workshop SW420: vibration and still and not vibration.', [shock], calm), { shock: false });
  assert.deepEqual(met('The workshop bench was still; no vibration at all.', [shock], calm), { shock: true });
  assert.deepEqual(met('Vibration sensor: calm.', [shock], calm), { shock: true }, 'a noun naming the sensor is still a name');
});

test('each statement of a sentence is of its own part of the series ("quiet for the first two samples, then went off and stayed on")', () => {
  const loud = yesNoFact('loud', { ref: 'main', agg: 'any' }, ['loud', 'triggered', 'fired'], ['quiet']);
  const readings = { main: [false, false, true, true, true] };
  assert.deepEqual(met('It fired. The trigger was quiet for the first two samples, then fired at t=2 s and stayed on through t=4 s.', [loud], readings), {
    loud: true,
  });
  assert.deepEqual(met('The trigger stayed quiet the whole time.', [loud], readings), { loud: false });
});

test('a label of a table row names the moment its denial is of ("Pressed false, Time: 4.5 s")', () => {
  const pressed = yesNoFact('pressed', { ref: 'main', agg: 'any' }, ['pressed'], ['released', 'not pressed']);
  const readings = { main: [false, true, true, false] };
  const table = 'Yes, it registered a press!\n\n| Time | Pressed |\n|---|---|\n| 0.0–2.5 s | false |\n| 3.0–4.0 s | true |\n| 4.5 s | false |';
  assert.deepEqual(met(table, [pressed], readings), { pressed: true });
});

test('nearness to a line says which side only when denied, and only of the line itself', () => {
  const under = yesNoFact(
    'under',
    { op: 'lt', args: [{ ref: 'main', agg: 'max' }, { const: 100 }] },
    ['under', 'below'],
    ['above', 'anywhere near', 'close to'],
  );
  const low = { main: [4, 5, 6] };
  assert.deepEqual(met('Yes. The raw level never came anywhere near 100 counts.', [under], low), { under: true });
  assert.deepEqual(met('None of the readings came close to 100 counts.', [under], low), { under: true });
  assert.deepEqual(met('The raw level came close to 100 counts.', [under], low), { under: false }, 'near but on which side?');
  const above = yesNoFact('above', { op: 'gt', args: [{ ref: 'main', agg: 'last' }, { const: 2.3 }] }, ['above'], ['below', 'nowhere near']);
  assert.deepEqual(met("It reads 3.095 V, above the 2.3 V trigger point, so it's nowhere near tripping.", [above], { main: [3.095] }), { above: true });
});

test('a definition of a verdict word by the line, a verdict pronoun as the subject of another verb, and a reply before its statement', () => {
  const dry = yesNoFact('dry', { op: 'lt', args: [{ ref: 'main', agg: 'last' }, { const: 40 }] }, ['too dry', 'dry', 'below'], ['comfortable']);
  assert.deepEqual(met('The bedroom humidity is 56 %. It is not too dry; dry is below 40 %. So no.', [dry], { main: [56] }), { dry: true });
  const clipping = yesNoFact('clipping', { ref: 'main', agg: 'last' }, ['both are clipping', 'clipping'], ['neither']);
  assert.deepEqual(met('Yes, both are clipping, so neither can tell you the real brightness.', [clipping], { main: [true] }), { clipping: true });
  assert.deepEqual(met('Neither is clipping.', [clipping], { main: [true] }), { clipping: false });
  const clicking = yesNoFact('clicking', { ref: 'main', agg: 'last' }, ['clicking', 'pressed'], ['not pressed']);
  assert.deepEqual(met('Joystick pressed = false, so no he is not clicking.', [clicking], { main: [false] }), { clicking: true });
  const tilted = yesNoFact('tilted', { ref: 'main', agg: 'last' }, ['tipped', 'tilted'], ['upright']);
  assert.deepEqual(met("Tilted: no ✅ The rig hasn't tipped over.", [tilted], { main: [false] }), { tilted: true });
});

test("a verdict its clause says of an axis is not the button's", () => {
  const pressed = yesNoFact('pressed', { ref: 'main.pressed', agg: 'last' }, ['pressed', 'pushed'], ['not pressed'], { sensors: ['KY-023'] });
  assert.deepEqual(met('The button is not pressed. X is pushed hard toward the low end.', [pressed], { 'main.pressed': [false] }), { pressed: true });
  assert.deepEqual(met('The button is pushed.', [pressed], { 'main.pressed': [false] }), { pressed: false });
});
