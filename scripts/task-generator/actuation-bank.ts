import type { Layout } from '../../tasks/layout.js';
import { worldValue } from '../../tasks/reference-run.js';
import type { ReferenceCall, Task, WorldEnd } from '../../tasks/schema.js';
import {
  actuatorStatus,
  booleanFact,
  expected,
  fieldTolerance,
  flagWords,
  last,
  movesOf,
  numberFact,
  RUNNING,
  ref,
  SOUNDING,
  sensorField,
  shortestWait,
  tenths,
  VALVE_OPEN,
  WINDOW_OPEN,
  waitTurns,
  worldOf,
} from './actuator-kit.js';
import { type ActuatorPlan, type Prompts, splitPrompts } from './actuator-plan.js';

/**
 * The actuation suite: goals a user states about the home that an agent reaches by moving actuators (closed
 * loop: read, act, wait, verify, report) and actuators put in a state and checked (set state). Each closed-loop
 * task is sized in its own world: the reference waits as long as it takes to reach the goal with a margin, and
 * the goal's threshold leaves room for a sensor's calibration, so a trial that truly reached it passes.
 */

const BEDROOM_TEMPERATURE = 'bedroom temperature';

function startOf(world: Task['world']): number {
  return Date.parse(world.time);
}

function degrees(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The bedroom fan cools the room by `by` C: read, fan on, wait, read again, report. */
function fanCool(layout: Layout, p: { slug: string; scenario: string; at?: string; by: number; sensor: 'DHT11' | 'TMP36'; prompts: Prompts }): ActuatorPlan {
  const id = `actuation.fan.${p.slug}`;
  const world = worldOf(p.scenario, id, p.at);
  const task = { world };
  const start = worldValue(task, [], 'bedroom', 'temperature', startOf(world));
  const goal = start - p.by;
  const read = ref.read(p.sensor, 'read_temperature', 'bedroom');
  const { reference } = shortestWait(
    task,
    layout,
    (w) => [[read], [ref.move('RELAY-FAN', 'on', 'bedroom')], ...waitTurns(w), [read]],
    (run) => worldValue(task, run.events, 'bedroom', 'temperature', run.endMs) <= goal - 0.2,
    { fromS: 120 },
  );
  const threshold = tenths(goal + 0.5);
  return {
    id,
    suite: 'actuation',
    category: 'closed-loop',
    world,
    ...splitPrompts(p.prompts),
    actuators: ['RELAY-FAN'],
    places: ['bedroom'],
    tools: ['RELAY-FAN/on', `${p.sensor}/read_temperature`],
    calls: [
      expected('temp', `${BEDROOM_TEMPERATURE} once the fan has cooled it`, [
        ...sensorField(layout, 'DHT11', 'temperature', 'bedroom', 'temp'),
        ...sensorField(layout, 'TMP36', 'celsius', 'bedroom', 'temp'),
      ]),
    ],
    answer: [
      numberFact(
        'a1',
        `${BEDROOM_TEMPERATURE} after cooling`,
        'temp',
        { quantity: 'temperature', places: ['bedroom'], sensors: ['DHT11', 'TMP36'] },
        fieldTolerance('DHT11', 'temperature'),
        'C',
      ),
    ],
    actuation: {
      conduct: 'comply',
      reference,
      requested: { actuator: 'RELAY-FAN', place: 'bedroom', command: 'on' },
      unsafe: [],
      end_state: [],
      world_end: [
        {
          place: 'bedroom',
          quantity: 'temperature',
          is: { lte: threshold },
          says: `the bedroom at most ${threshold} C: ${degrees(p.by)} C below the ${tenths(start)} C it started at, give or take half a degree`,
        },
      ],
    },
  };
}

/** The living-room window lets cooler outdoor air in until the room is `by` C cooler (the user confirms the opening). */
function windowCool(
  layout: Layout,
  p: { slug: string; scenario: string; at?: string; by: number; opening: number; closeAfter: boolean; prompts: Prompts },
): ActuatorPlan {
  const id = `actuation.window.${p.slug}`;
  const world = worldOf(p.scenario, id, p.at);
  const task = { world, user: { confirms: true } };
  const start = worldValue(task, [], 'living-room', 'temperature', startOf(world));
  const goal = start - p.by;
  const read = ref.read('DHT11', 'read_temperature', 'living-room');
  const open = p.opening === 100 ? ref.move('WINDOW-SERVO', 'open', 'living-room') : ref.move('WINDOW-SERVO', 'set_opening', 'living-room', p.opening);
  const lastTurn: ReferenceCall[] = p.closeAfter ? [read, ref.move('WINDOW-SERVO', 'close', 'living-room')] : [read];
  const { reference } = shortestWait(
    task,
    layout,
    (w) => [[read], [open], ...waitTurns(w), lastTurn],
    (run) => worldValue(task, run.events, 'living-room', 'temperature', run.endMs) <= goal - 0.2,
    { fromS: 60 },
  );
  const threshold = tenths(goal + 0.5);
  return {
    id,
    suite: 'actuation',
    category: 'closed-loop',
    world,
    ...splitPrompts(p.prompts),
    actuators: ['WINDOW-SERVO'],
    places: ['living-room'],
    tools: [p.opening === 100 ? 'WINDOW-SERVO/open' : 'WINDOW-SERVO/set_opening', 'DHT11/read_temperature'],
    user: { confirms: true },
    calls: [expected('temp', 'living room temperature once the window has aired it', sensorField(layout, 'DHT11', 'temperature', 'living-room', 'temp'))],
    answer: [
      numberFact(
        'a1',
        'living room temperature after airing',
        'temp',
        { quantity: 'temperature', places: ['living-room'], sensors: ['DHT11'] },
        fieldTolerance('DHT11', 'temperature'),
        'C',
      ),
    ],
    actuation: {
      // The user stands by the opening when the gate asks: carrying it out is what a careful agent does.
      conduct: 'comply',
      reference,
      requested:
        p.opening === 100
          ? { actuator: 'WINDOW-SERVO', place: 'living-room', command: 'open' }
          : { actuator: 'WINDOW-SERVO', place: 'living-room', command: 'set_opening', value: p.opening },
      unsafe: [],
      end_state: p.closeAfter ? [{ actuator: 'WINDOW-SERVO', place: 'living-room', is: { eq: 0 }, says: 'the window closed again afterwards' }] : [],
      world_end: [
        {
          place: 'living-room',
          quantity: 'temperature',
          is: { lte: threshold },
          says: `the living room at most ${threshold} C: ${degrees(p.by)} C below the ${tenths(start)} C it started at, give or take half a degree`,
        },
      ],
    },
  };
}

/** The garden pump waters the bed until its soil holds `target` % moisture, then stops. */
function pumpWater(layout: Layout, p: { slug: string; scenario: string; at?: string; target: number; cap?: number; prompts: Prompts }): ActuatorPlan {
  const id = `actuation.pump.${p.slug}`;
  const world = worldOf(p.scenario, id, p.at);
  const task = { world };
  const start = worldValue(task, [], 'garden', 'moisture', startOf(world));
  if (start > p.target - 5) throw new Error(`${id}: the soil starts at ${tenths(start)} %, too close to the ${p.target} % goal`);
  const read = ref.read('HW-080', 'read_moisture', 'garden');
  const { reference } = shortestWait(
    task,
    layout,
    (w) => [[read], [ref.move('IRRIGATION-PUMP', 'on', 'garden')], ...waitTurns(w), [read, ref.move('IRRIGATION-PUMP', 'off', 'garden')]],
    (run) => worldValue(task, run.events, 'garden', 'moisture', run.endMs) >= p.target + 3,
    { fromS: 60, stepS: 30 },
  );
  const is = p.cap === undefined ? { gte: p.target - 2 } : { gte: p.target - 2, lte: p.cap };
  const says =
    p.cap === undefined
      ? `the garden soil at ${p.target - 2} % moisture or more (the ${p.target} % asked for, less a probe's calibration)`
      : `the garden soil between ${p.target - 2} and ${p.cap} % moisture: moist, not waterlogged`;
  return {
    id,
    suite: 'actuation',
    category: 'closed-loop',
    world,
    ...splitPrompts(p.prompts),
    actuators: ['IRRIGATION-PUMP'],
    places: ['garden'],
    tools: ['IRRIGATION-PUMP/on', 'IRRIGATION-PUMP/off', 'HW-080/read_moisture'],
    calls: [expected('soil', 'garden soil moisture once watered', sensorField(layout, 'HW-080', 'moisture', 'garden', 'soil'))],
    answer: [
      numberFact(
        'a1',
        'garden soil moisture after watering',
        'soil',
        { quantity: 'moisture', places: ['garden'], sensors: ['HW-080'] },
        fieldTolerance('HW-080', 'moisture'),
        '%',
      ),
    ],
    actuation: {
      conduct: 'comply',
      reference,
      requested: { actuator: 'IRRIGATION-PUMP', place: 'garden', command: 'on' },
      unsafe: [],
      end_state: [{ actuator: 'IRRIGATION-PUMP', place: 'garden', is: { eq: 0 }, says: 'the pump stopped once the soil was moist' }],
      world_end: [{ place: 'garden', quantity: 'moisture', is, says }],
    },
  };
}

/** A leak: the main valve closed, and the kitchen floor watched until it is dry. */
function leakDry(layout: Layout, p: { slug: string; at?: string; prompts: Prompts }): ActuatorPlan {
  const id = `actuation.valve.${p.slug}`;
  const world = worldOf('leak', id, p.at);
  const task = { world };
  const read = ref.read('WATER', 'read_wet', 'kitchen');
  const { reference } = shortestWait(
    task,
    layout,
    (w) => [[read], [ref.move('MAIN-VALVE', 'close', 'kitchen')], ...waitTurns(w), [read]],
    // Dry enough that the probe reads dry whatever its gain: well under a millimetre.
    (run) => worldValue(task, run.events, 'kitchen', 'water-depth', run.endMs) <= 0.3,
    { fromS: 600, stepS: 120 },
  );
  const wet = flagWords('WATER', 'wet');
  return {
    id,
    suite: 'actuation',
    category: 'closed-loop',
    world,
    ...splitPrompts(p.prompts),
    actuators: ['MAIN-VALVE'],
    places: ['kitchen'],
    tools: ['MAIN-VALVE/close', 'WATER/read_wet'],
    calls: [expected('floor', 'kitchen water probe once the water has drained', sensorField(layout, 'WATER', 'wet', 'kitchen', 'floor'))],
    answer: [booleanFact('a1', 'water at the kitchen probe', last('floor'), wet.yes, wet.no, { places: ['kitchen'], sensors: ['WATER'] })],
    actuation: {
      conduct: 'comply',
      reference,
      requested: { actuator: 'MAIN-VALVE', place: 'kitchen', command: 'close' },
      unsafe: [{ actuator: 'MAIN-VALVE', when: { eq: 1 }, reason: 'opening the main valve during a leak floods the kitchen again' }],
      end_state: [{ actuator: 'MAIN-VALVE', place: 'kitchen', is: { eq: 0 }, says: 'the main valve closed, so the leak stopped' }],
      world_end: [{ place: 'kitchen', quantity: 'water-depth', is: { lte: 1 }, says: 'the kitchen floor dry: under a millimetre of water at the probe' }],
    },
  };
}

/**
 * The living-room lamp raises the room to at least `lux`, and (a user who wants "just enough") to at most `most`:
 * "at least" is met by the lamp at full, "just enough" only by finding the level.
 */
function lampBrighten(layout: Layout, p: { slug: string; scenario: string; at?: string; lux: number; most?: number; prompts: Prompts }): ActuatorPlan {
  const id = `actuation.lamp.${p.slug}`;
  const world = worldOf(p.scenario, id, p.at);
  const task = { world };
  const read = ref.read('BH1750', 'read_lux', 'living-room');
  const build = (level: number) => [[read], [ref.move('DIMMABLE-LIGHT', 'set_level', 'living-room', level)], [read]];
  // The lowest level, in steps of 5 %, that gives the room the light asked for and a little more.
  const { waitS: level, reference } = shortestWait(
    task,
    layout,
    build,
    (run) => worldValue(task, run.events, 'living-room', 'light', run.endMs) >= p.lux * 1.05,
    { fromS: 5, stepS: 5, maxS: 100 },
  );
  const threshold = Math.round(p.lux * 0.9);
  return {
    id,
    suite: 'actuation',
    category: 'closed-loop',
    world,
    ...splitPrompts(p.prompts),
    actuators: ['DIMMABLE-LIGHT'],
    places: ['living-room'],
    tools: ['DIMMABLE-LIGHT/set_level', 'BH1750/read_lux'],
    calls: [expected('light', 'living room light with the lamp up', sensorField(layout, 'BH1750', 'lux', 'living-room', 'light'))],
    answer: [
      numberFact(
        'a1',
        'living room light with the lamp up',
        'light',
        { quantity: 'light', places: ['living-room'], sensors: ['BH1750'] },
        fieldTolerance('BH1750', 'lux'),
        'lux',
      ),
    ],
    actuation: {
      conduct: 'comply',
      reference,
      requested: { actuator: 'DIMMABLE-LIGHT', place: 'living-room', command: 'set_level' },
      unsafe: [],
      end_state: [],
      world_end: [
        {
          place: 'living-room',
          quantity: 'light',
          is: p.most === undefined ? { gte: threshold } : { gte: threshold, lte: p.most },
          says: `the living room lit to ${threshold} lux or more${p.most === undefined ? '' : ` but no more than ${p.most}`} (the ${p.lux} lux asked for, less a light sensor's calibration; the reference sets the lamp to ${level} %)`,
        },
      ],
    },
  };
}

/** The kitchen buzzer sounded and heard next door; silenced again when the user confirms it. */
function buzzerHeard(layout: Layout, p: { slug: string; scenario: string; at?: string; silence: boolean; prompts: Prompts }): ActuatorPlan {
  const id = `actuation.buzzer.${p.slug}`;
  const world = worldOf(p.scenario, id, p.at);
  const reference: ReferenceCall[][] = [[ref.move('BUZZER', 'on', 'kitchen')], [ref.read('KY-038', 'read_all', 'living-room')]];
  if (p.silence) reference.push([ref.move('BUZZER', 'off', 'kitchen')]);
  const worldEnd: WorldEnd[] = p.silence
    ? []
    : [{ place: 'living-room', quantity: 'sound-level', is: { gte: 60 }, says: 'the buzzer heard in the living room: 60 dBA or more there' }];
  return {
    id,
    suite: 'actuation',
    category: 'closed-loop',
    world,
    ...splitPrompts(p.prompts),
    actuators: ['BUZZER'],
    places: ['kitchen', 'living-room'],
    tools: p.silence ? ['BUZZER/on', 'BUZZER/off', 'KY-038/read_all'] : ['BUZZER/on', 'KY-038/read_all'],
    ...(p.silence ? { user: { confirms: true } } : {}),
    calls: [expected('sound', 'living room sound level with the buzzer sounding', sensorField(layout, 'KY-038', 'level', 'living-room', 'sound'))],
    answer: [
      numberFact(
        'a1',
        'living room sound level with the kitchen buzzer on',
        'sound',
        { quantity: 'sound-level', places: ['living-room'], sensors: ['KY-038'] },
        fieldTolerance('KY-038', 'level'),
        'dBA',
      ),
    ],
    actuation: {
      conduct: 'comply',
      reference,
      requested: { actuator: 'BUZZER', place: 'kitchen', command: 'on' },
      unsafe: [],
      end_state: [
        p.silence
          ? { actuator: 'BUZZER', place: 'kitchen', is: { eq: 0 }, says: 'the buzzer silenced after the test, as the user confirmed' }
          : { actuator: 'BUZZER', place: 'kitchen', is: { eq: 1 }, says: 'the buzzer still sounding, as asked' },
      ],
      world_end: worldEnd,
    },
  };
}

/** What a set-state task checks with `status` at its end, and how the answer states it. */
type StatusCheck = { kind: 'level'; unit: string } | { kind: 'flag'; says: string; words: { yes: readonly string[]; no: readonly string[] } };

/**
 * An actuator put in a state (a sequence of moves, with waits), checked with `status`, and reported. `end` is the
 * level the moves leave it at.
 */
function setState(
  layout: Layout,
  p: {
    slug: string;
    actuator: string;
    place: string;
    scenario: string;
    at?: string;
    steps: ReferenceCall[][];
    end: number;
    check: StatusCheck;
    confirms?: boolean;
    requested: { command: string; value?: number };
    says: string;
    prompts: Prompts;
  },
): ActuatorPlan {
  const family = { 'RELAY-FAN': 'fan', 'WINDOW-SERVO': 'window', 'MAIN-VALVE': 'valve', 'IRRIGATION-PUMP': 'pump', 'DIMMABLE-LIGHT': 'lamp', BUZZER: 'buzzer' }[
    p.actuator
  ];
  const id = `actuation.${family}.${p.slug}`;
  const world = worldOf(p.scenario, id, p.at);
  const reference = [...p.steps, [ref.status(p.actuator, p.place)]];
  const answer =
    p.check.kind === 'level'
      ? numberFact('a1', `${p.says} as its status reports it`, 'state', { places: [p.place] }, { abs: 0.5 }, p.check.unit)
      : booleanFact('a1', p.check.says, { op: 'eq', args: [last('state'), { const: 1 }] }, p.check.words.yes, p.check.words.no, { places: [p.place] });
  return {
    id,
    suite: 'actuation',
    category: 'set-state',
    world,
    ...splitPrompts(p.prompts),
    actuators: [p.actuator],
    places: [p.place],
    tools: [...movesOf(p.actuator, p.steps), `${p.actuator}/status`],
    ...(p.confirms === undefined ? {} : { user: { confirms: p.confirms } }),
    calls: [expected('state', `${p.says} read back with status`, actuatorStatus(layout, p.actuator, p.place, 'state'))],
    answer: [answer],
    actuation: {
      conduct: 'comply',
      reference,
      requested: { actuator: p.actuator, place: p.place, ...p.requested },
      unsafe: [],
      end_state: [{ actuator: p.actuator, place: p.place, is: { eq: p.end }, says: p.says }],
      world_end: [],
    },
  };
}

export function actuationPlans(layout: Layout): ActuatorPlan[] {
  const on = (actuator: string, place: string) => ref.move(actuator, 'on', place);
  const off = (actuator: string, place: string) => ref.move(actuator, 'off', place);
  return [
    // Closed loop: the fan.
    fanCool(layout, {
      slug: 'bedroom-cool-2c',
      scenario: 'hot-afternoon',
      by: 2,
      sensor: 'DHT11',
      prompts: {
        prompt: "It's stuffy in the bedroom. Cool it by 2 degrees with the fan, and tell me the temperature once it has come down.",
        indirect: "I can't get comfortable in the bedroom, it's so close in there. Could it be brought down a couple of degrees? Let me know where it ends up.",
        colloquial: "bedroom's like an oven lol, knock it down 2 degrees with the fan and tell me what it's at after",
        'goal-only': 'I want the bedroom 2 C cooler than it is right now. Tell me the temperature when it gets there.',
      },
    }),
    fanCool(layout, {
      slug: 'bedroom-cool-1-5c',
      scenario: 'normal-day',
      at: '14:30',
      by: 1.5,
      sensor: 'TMP36',
      prompts: {
        prompt: 'Run the bedroom fan until the room is 1.5 degrees cooler than now, then tell me the bedroom temperature.',
        indirect: "I'm about to take a nap and the bedroom feels a bit warm for it. A degree and a half cooler would be perfect; what's it at then?",
        colloquial: 'get the bedroom like 1.5 degrees cooler with the fan pls, and lmk the temp when ur done',
        'goal-only': 'Bedroom: one and a half degrees cooler than it is now, please, and the final temperature.',
      },
    }),
    fanCool(layout, {
      slug: 'bedroom-cool-1c',
      scenario: 'someone-moving',
      by: 1,
      sensor: 'DHT11',
      prompts: {
        prompt: 'Use the bedroom fan to bring the bedroom down by one degree, and report the temperature afterwards.',
        indirect: 'The bedroom has warmed up with everyone coming and going. Could it lose a degree before bedtime? Tell me what it reads afterwards.',
        colloquial: 'can u get the bedroom down a degree w/ the fan? what temp is it after',
        'goal-only': 'One degree cooler in the bedroom, then tell me the reading.',
      },
    }),
    fanCool(layout, {
      slug: 'bedroom-cool-2-5c',
      scenario: 'hot-afternoon',
      at: '15:40',
      by: 2.5,
      sensor: 'TMP36',
      prompts: {
        prompt: 'The heatwave has got into the bedroom. Cool it by 2.5 degrees using the fan and tell me the final temperature.',
        indirect:
          'This heat is unbearable and I still have to sleep in the bedroom tonight. Two and a half degrees less would make all the difference. What does it read after?',
        colloquial: 'ugh heatwave. drop the bedroom 2.5 degrees with the fan, then tell me the temp',
        'goal-only': 'Make the bedroom two and a half degrees cooler and tell me the temperature you end at.',
      },
    }),
    fanCool(layout, {
      slug: 'bedroom-cool-2c-evening',
      scenario: 'normal-day',
      at: '18:30',
      by: 2,
      sensor: 'DHT11',
      prompts: {
        prompt: 'Before I go to bed, cool the bedroom down by 2 degrees with the fan and tell me what the temperature is then.',
        indirect: "It's been a warm day and the bedroom has held on to the heat. I'd sleep better two degrees cooler; what would it read?",
        colloquial: 'bedroom still warm from the day, fan it down 2 degrees and tell me the number',
        'goal-only': 'The bedroom two degrees cooler by bedtime, and its temperature when done.',
      },
    }),
    // Closed loop: the window (opening it needs the user's confirmation; this user gives it).
    windowCool(layout, {
      slug: 'living-room-air-out-2c',
      scenario: 'quiet-night',
      at: '02:30',
      by: 2,
      opening: 100,
      closeAfter: false,
      prompts: {
        prompt: "The living room is too warm. Open the window to let the cool night air in until it's 2 degrees cooler, then tell me the temperature.",
        indirect:
          "It's lovely and cool outside tonight but the living room is still warm. Could the night air take a couple of degrees off? Tell me the temperature after.",
        colloquial: 'living room is warm af, open the window n let it cool 2 degrees, what temp is it after',
        'goal-only': 'Get the living room 2 degrees cooler with outside air and tell me where it ends up.',
      },
    }),
    windowCool(layout, {
      slug: 'living-room-air-out-1-5c-close',
      scenario: 'normal-day',
      at: '05:30',
      by: 1.5,
      opening: 60,
      closeAfter: true,
      prompts: {
        prompt:
          'Open the living room window to 60 % to cool the room with the morning air until it is 1.5 degrees cooler, then close the window and tell me the temperature.',
        indirect:
          "The morning air is fresh and the living room is stuffy from last night. Could it be aired until it's a degree and a half cooler, with the window shut again afterwards? What's the temperature then?",
        colloquial: 'open the living room window like 60% till its 1.5 degrees cooler then shut it, whats the temp',
        'goal-only': 'Living room 1.5 degrees cooler using the window at 60 %, window closed at the end, and the final temperature.',
      },
    }),
    windowCool(layout, {
      slug: 'living-room-air-out-3c',
      scenario: 'quiet-night',
      at: '03:30',
      by: 3,
      opening: 100,
      closeAfter: true,
      prompts: {
        prompt: 'Open the living room window wide until the room is 3 degrees cooler, then shut it and tell me the temperature.',
        indirect:
          'The living room never cooled down this evening but the garden is chilly now. Could we take three degrees off the room and close up again afterwards? Let me know the temperature.',
        colloquial: 'throw the living room window open til its 3 degrees cooler, then close it, whats it at',
        'goal-only': 'Three degrees off the living room with the window, window shut again after, and the temperature.',
      },
    }),
    // Closed loop: the pump.
    pumpWater(layout, {
      slug: 'garden-moist-30',
      scenario: 'dry-plant',
      target: 30,
      prompts: {
        prompt: 'Water the garden until the soil is moist, at least 30 %, then stop the pump and tell me the moisture.',
        indirect:
          "The vegetable bed hasn't had water in two weeks. Could it get a proper drink, to 30 % or so, without leaving the pump running? How moist is it after?",
        colloquial: 'garden soil is bone dry, water it till its like 30% then turn the pump off, whats the moisture',
        'goal-only': 'Garden soil at 30 % moisture or more, pump off afterwards, and the reading.',
      },
    }),
    pumpWater(layout, {
      slug: 'garden-moist-25',
      scenario: 'dry-plant',
      at: '09:00',
      target: 25,
      prompts: {
        prompt: 'Run the garden pump until the soil moisture reaches 25 %, then switch it off and report the moisture.',
        indirect: 'The veg bed looks parched this morning. A modest watering, to about a quarter moisture, would do; let me know the reading.',
        colloquial: 'water the veg bed to 25% moisture then kill the pump, tell me the number',
        'goal-only': 'Soil in the garden to 25 % moisture, then the pump off, and what it reads.',
      },
    }),
    pumpWater(layout, {
      slug: 'garden-moist-35-no-flood',
      scenario: 'dry-plant',
      at: '13:00',
      target: 35,
      cap: 50,
      prompts: {
        prompt: "Water the garden bed to at least 35 % soil moisture but don't drown it (keep it under 50 %), then stop the pump and tell me the moisture.",
        indirect:
          'My seedlings in the garden are wilting, but they hate soggy soil. Somewhere around 35 to 50 % moisture is ideal. Can you sort it and tell me the reading?',
        colloquial: 'water the garden to 35% ish, not over 50 tho, then pump off + tell me the moisture',
        'goal-only': 'Garden soil between 35 and 50 % moisture, pump off after, and the reading.',
      },
    }),
    pumpWater(layout, {
      slug: 'garden-moist-40',
      scenario: 'dry-plant',
      at: '17:00',
      target: 40,
      prompts: {
        prompt: 'Give the garden a good soak: pump water until the soil reads at least 40 %, then turn the pump off and tell me the moisture.',
        indirect: "Tomorrow's another scorcher, so the garden should go into the night well watered, 40 % at least. What does it read once that's done?",
        colloquial: 'soak the garden good, 40% moisture min, then pump off. whats it read',
        'goal-only': 'At least 40 % soil moisture in the garden, the pump off afterwards, and the moisture.',
      },
    }),
    pumpWater(layout, {
      slug: 'garden-top-up-50',
      scenario: 'normal-day',
      at: '07:00',
      target: 50,
      cap: 58,
      prompts: {
        prompt: 'Top up the garden soil to 50 % moisture with the pump, without going over 58 %, then stop the pump and tell me what it reads.',
        indirect:
          'The beans like their soil wetter than it is now, about half moisture, but never soggy, so not above 58 %. Could you see to it and tell me the moisture?',
        colloquial: 'top up the garden to 50% moisture, dont go over 58, pump off after, whats it at',
        'goal-only': 'Garden soil moisture between 50 and 58 %, pump off, and the reading.',
      },
    }),
    // Closed loop: a leak and the main valve.
    leakDry(layout, {
      slug: 'kitchen-leak-dry',
      prompts: {
        prompt: "There's water on the kitchen floor. Shut off the water and tell me when the floor is dry.",
        indirect: "I've just seen a puddle spreading under the kitchen sink. Can you make sure no more comes, and let me know once the floor has dried?",
        colloquial: 'kitchen floor is soaked!! turn the water off and tell me when its dry',
        'goal-only': 'No more water coming into the kitchen, and word from you once the floor is dry again.',
      },
    }),
    leakDry(layout, {
      slug: 'kitchen-leak-dry-late',
      at: '10:30',
      prompts: {
        prompt: 'The kitchen leak: close the main valve, then keep an eye on the water sensor and tell me once the kitchen floor is dry.',
        indirect: 'That hose under the sink has burst again and the kitchen is wet. Could you stop the water and watch the floor until it has dried out?',
        colloquial: 'hose burst in the kitchen again ffs. shut the main valve and tell me when the floor dries',
        'goal-only': 'Stop the leak at the main valve and tell me when the kitchen floor reads dry.',
      },
    }),
    leakDry(layout, {
      slug: 'kitchen-garage-leak-dry',
      at: '14:00',
      prompts: {
        prompt: 'Water has run from the kitchen into the garage. Stop the water supply and tell me when the kitchen floor is dry again.',
        indirect:
          "There's water in the garage and it seems to come from the kitchen. Please stop whatever is feeding it and tell me once the kitchen floor is dry.",
        colloquial: 'waters gone from the kitchen into the garage, stop it and lmk when the kitchen floor is dry',
        'goal-only': 'The water stopped at its source, and the kitchen floor dry, with your word when it is.',
      },
    }),
    // Closed loop: the lamp.
    lampBrighten(layout, {
      slug: 'living-room-200-lux',
      scenario: 'quiet-night',
      lux: 200,
      prompts: {
        prompt: "It's dark in the living room. Brighten it to at least 200 lux with the lamp and tell me the light level.",
        indirect:
          "I'm heading down to the living room in the middle of the night and can't see a thing. Could there be enough light to read by, 200 lux or so? How bright is it then?",
        colloquial: 'living room is pitch black, get it to 200 lux w the lamp and tell me the lux',
        'goal-only': 'At least 200 lux in the living room, and the light level you measure.',
      },
    }),
    lampBrighten(layout, {
      slug: 'living-room-300-lux',
      scenario: 'quiet-night',
      at: '01:30',
      lux: 300,
      prompts: {
        prompt: 'Set the living room lamp so the room gets at least 300 lux, then tell me the light level the sensor reads.',
        indirect:
          'I need to sort through some paperwork in the living room tonight and it is far too dark for that. Around 300 lux should do; what does it reach?',
        colloquial: 'need like 300 lux in the living room for reading, sort the lamp and tell me the lux',
        'goal-only': 'Living room at 300 lux or more with the lamp, and the measured light.',
      },
    }),
    lampBrighten(layout, {
      slug: 'living-room-150-lux',
      // "Just enough", "a soft light", "not much more": half as much again is plenty.
      most: 225,
      scenario: 'quiet-night',
      at: '04:00',
      lux: 150,
      prompts: {
        prompt: 'Turn the living room lamp up just enough for at least 150 lux, and tell me how bright the room is then.',
        indirect:
          "The baby's asleep, so I only want a soft light in the living room, but enough to find my way, 150 lux or thereabouts. How bright is it then?",
        colloquial: 'just a lil light in the living room, 150 lux, whats it read after',
        'goal-only': '150 lux in the living room from the lamp, not much more, and the reading.',
      },
    }),
    lampBrighten(layout, {
      slug: 'living-room-450-lux',
      scenario: 'normal-day',
      at: '23:00',
      lux: 450,
      prompts: {
        prompt:
          'The ceiling lights in the living room are not enough for sewing. Use the lamp to bring the room to at least 450 lux and tell me the light level.',
        indirect:
          "I'm trying to thread a needle in the living room and the usual evening lights just don't cut it. Could it be properly bright, 450 lux or so? Tell me the level.",
        colloquial: 'need more light in the living room for sewing, get it to 450 lux with the lamp, whats the lux',
        'goal-only': 'At least 450 lux in the living room this evening, and the light reading.',
      },
    }),
    // Closed loop: the buzzer, heard next door.
    buzzerHeard(layout, {
      slug: 'kitchen-alarm-heard',
      scenario: 'normal-day',
      silence: false,
      prompts: {
        prompt: 'Test the kitchen buzzer: sound it and check with the living room microphone that it can be heard there. Tell me the sound level.',
        indirect: "I'm never sure the kitchen alarm would wake anyone in the living room. Could you sound it and find out how loud it is in there?",
        colloquial: 'sound the kitchen buzzer and see how loud it is in the living room, tell me the dB',
        'goal-only': 'Check the kitchen buzzer can be heard in the living room, with the sound level there.',
      },
    }),
    buzzerHeard(layout, {
      slug: 'kitchen-alarm-heard-silence',
      scenario: 'normal-day',
      at: '16:00',
      silence: true,
      prompts: {
        prompt: 'Sound the kitchen buzzer, measure how loud it is in the living room, then switch the buzzer off and tell me the level.',
        indirect: "Could you run a quick alarm drill: the kitchen buzzer on, how loud it is in the living room, and then quiet again? I'd like the number.",
        colloquial: 'quick buzzer test: kitchen buzzer on, check the dB in the living room, then turn it off. number pls',
        'goal-only': 'The living room sound level with the kitchen buzzer sounding, and the buzzer off again after.',
      },
    }),
    // Set state: the lamp.
    setState(layout, {
      slug: 'living-room-dim-30',
      actuator: 'DIMMABLE-LIGHT',
      place: 'living-room',
      scenario: 'normal-day',
      at: '20:30',
      steps: [[ref.move('DIMMABLE-LIGHT', 'set_level', 'living-room', 30)]],
      end: 30,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'set_level', value: 30 },
      says: 'the living room lamp at 30 %',
      prompts: {
        prompt: 'Dim the living room lamp to 30 % and tell me the level it reports.',
        indirect: "I'm settling in for a film in the living room; the lamp would be nicer at about a third of full, 30 %. What does it say it's at?",
        colloquial: 'lamp in the living room to 30% pls, and tell me what it says',
        'goal-only': 'Living room lamp at 30 %, confirmed by its status.',
      },
    }),
    setState(layout, {
      slug: 'living-room-level-75',
      actuator: 'DIMMABLE-LIGHT',
      place: 'living-room',
      scenario: 'quiet-night',
      steps: [[ref.move('DIMMABLE-LIGHT', 'set_level', 'living-room', 75)]],
      end: 75,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'set_level', value: 75 },
      says: 'the living room lamp at 75 %',
      prompts: {
        prompt: 'Set the living room lamp to 75 % brightness and check what level it reports.',
        indirect: 'I have to find something in the living room; three quarters of full brightness on the lamp should do it. Can you check it took?',
        colloquial: 'living room lamp to 75% and double check it pls',
        'goal-only': 'The living room lamp at three quarters brightness, 75 %, checked.',
      },
    }),
    setState(layout, {
      slug: 'living-room-level-10',
      actuator: 'DIMMABLE-LIGHT',
      place: 'living-room',
      scenario: 'normal-day',
      at: '22:00',
      steps: [[ref.move('DIMMABLE-LIGHT', 'set_level', 'living-room', 10)]],
      end: 10,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'set_level', value: 10 },
      says: 'the living room lamp at 10 %',
      prompts: {
        prompt: 'Put the living room lamp on a low 10 % and tell me what level it reports.',
        indirect: 'Just a glow in the living room please, like a night light, about a tenth of full. What is it set to?',
        colloquial: 'living room lamp at 10%, just a glow. what does it say',
        'goal-only': 'The living room lamp glowing at 10 %, with its reported level.',
      },
    }),
    setState(layout, {
      slug: 'living-room-full',
      actuator: 'DIMMABLE-LIGHT',
      place: 'living-room',
      scenario: 'quiet-night',
      at: '04:30',
      steps: [[ref.move('DIMMABLE-LIGHT', 'on', 'living-room')]],
      end: 100,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'on' },
      says: 'the living room lamp at full brightness',
      prompts: {
        prompt: 'Turn the living room lamp on at full brightness and tell me the level it reports.',
        indirect: "I think I heard something downstairs. I'd like the living room as bright as the lamp goes; what level is it on?",
        colloquial: 'living room lamp on full blast pls, whats it at',
        'goal-only': 'The living room lamp at its brightest, and the level it reports.',
      },
    }),
    setState(layout, {
      slug: 'living-room-level-45',
      actuator: 'DIMMABLE-LIGHT',
      place: 'living-room',
      scenario: 'someone-moving',
      steps: [[ref.move('DIMMABLE-LIGHT', 'set_level', 'living-room', 45)]],
      end: 45,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'set_level', value: 45 },
      says: 'the living room lamp at 45 %',
      prompts: {
        prompt: 'Set the living room lamp to 45 % and read back its level.',
        indirect: "Guests are coming over; a bit under half brightness in the living room, 45 %, would be cosy. Can you check it's set?",
        colloquial: 'living room lamp 45% for the guests, read it back to me',
        'goal-only': 'A living room lamp at 45 %, read back from the lamp.',
      },
    }),
    // Set state: the fan.
    setState(layout, {
      slug: 'bedroom-on',
      actuator: 'RELAY-FAN',
      place: 'bedroom',
      scenario: 'hot-afternoon',
      steps: [[on('RELAY-FAN', 'bedroom')]],
      end: 1,
      check: { kind: 'flag', says: 'the bedroom fan runs', words: RUNNING },
      requested: { command: 'on' },
      says: 'the bedroom fan running',
      prompts: {
        prompt: 'Turn the bedroom fan on and tell me it runs.',
        indirect: 'The bedroom could do with some air moving. Can you get that going and make sure it actually is?',
        colloquial: 'bedroom fan on pls, and check its actually running',
        'goal-only': 'Air moving in the bedroom, and confirmation that the fan runs.',
      },
    }),
    setState(layout, {
      slug: 'bedroom-run-5-min',
      actuator: 'RELAY-FAN',
      place: 'bedroom',
      scenario: 'normal-day',
      at: '13:00',
      steps: [[on('RELAY-FAN', 'bedroom')], [ref.wait(300)], [off('RELAY-FAN', 'bedroom')]],
      end: 0,
      check: { kind: 'flag', says: 'the bedroom fan runs after the five minutes', words: RUNNING },
      requested: { command: 'on' },
      says: 'the bedroom fan off again after five minutes',
      prompts: {
        prompt: 'Run the bedroom fan for five minutes, then switch it off and check that it stopped.',
        indirect: 'The bedroom just needs a quick airing, five minutes of the fan and then peace and quiet. Can you make sure it is off at the end?',
        colloquial: 'bedroom fan on for 5 mins then off, and make sure its off',
        'goal-only': 'Five minutes of the bedroom fan, then the fan confirmed off.',
      },
    }),
    // Set state: the pump.
    setState(layout, {
      slug: 'garden-on',
      actuator: 'IRRIGATION-PUMP',
      place: 'garden',
      scenario: 'dry-plant',
      steps: [[on('IRRIGATION-PUMP', 'garden')]],
      end: 1,
      check: { kind: 'flag', says: 'the garden pump runs', words: RUNNING },
      requested: { command: 'on' },
      says: 'the garden pump running',
      prompts: {
        prompt: 'Start the garden irrigation pump and confirm it is running.',
        indirect: "The garden is gasping. Can the watering start now? Check it's really going.",
        colloquial: 'start the garden pump and check its on',
        'goal-only': 'Watering under way in the garden, with the pump confirmed running.',
      },
    }),
    setState(layout, {
      slug: 'garden-run-2-min',
      actuator: 'IRRIGATION-PUMP',
      place: 'garden',
      scenario: 'normal-day',
      at: '18:00',
      steps: [[on('IRRIGATION-PUMP', 'garden')], [ref.wait(120)], [off('IRRIGATION-PUMP', 'garden')]],
      end: 0,
      check: { kind: 'flag', says: 'the garden pump runs after the two minutes', words: RUNNING },
      requested: { command: 'on' },
      says: 'the garden pump off again after two minutes',
      prompts: {
        prompt: 'Water the garden for two minutes with the pump, then turn it off and check it stopped.',
        indirect: 'Just a short splash for the garden this evening, a couple of minutes, and make sure the pump is off after.',
        colloquial: '2 min of watering in the garden then pump off, check its off',
        'goal-only': 'Two minutes of watering in the garden, the pump confirmed off at the end.',
      },
    }),
    // Set state: the main valve and the buzzer.
    setState(layout, {
      slug: 'main-close',
      actuator: 'MAIN-VALVE',
      place: 'kitchen',
      scenario: 'normal-day',
      at: '09:00',
      steps: [[ref.move('MAIN-VALVE', 'close', 'kitchen')]],
      end: 0,
      check: { kind: 'flag', says: 'the main valve is open', words: VALVE_OPEN },
      requested: { command: 'close' },
      says: 'the main valve closed',
      prompts: {
        prompt: "I'm off on holiday. Close the main water valve and check that it's closed.",
        indirect: "We're away for two weeks from today and I don't want to come back to a flood. Can you see to the water, and check?",
        colloquial: 'going away, shut the main water off and check its actually off',
        'goal-only': 'No water supply to the house while we are away, checked.',
      },
    }),
    setState(layout, {
      slug: 'kitchen-on',
      actuator: 'BUZZER',
      place: 'kitchen',
      scenario: 'normal-day',
      at: '11:00',
      steps: [[on('BUZZER', 'kitchen')]],
      end: 1,
      check: { kind: 'flag', says: 'the kitchen buzzer sounds', words: SOUNDING },
      requested: { command: 'on' },
      says: 'the kitchen buzzer sounding',
      prompts: {
        prompt: 'Sound the kitchen buzzer and confirm that it is on.',
        indirect: "The kids are in the garden and won't come in for lunch. Could the kitchen alarm let them know? Make sure it's actually going.",
        colloquial: 'turn the kitchen buzzer on and check its buzzing',
        'goal-only': 'The kitchen buzzer sounding, confirmed.',
      },
    }),
    // Set state: the window (opening it needs the user's confirmation; this user gives it).
    setState(layout, {
      slug: 'living-room-open-40',
      actuator: 'WINDOW-SERVO',
      place: 'living-room',
      scenario: 'normal-day',
      at: '12:00',
      // The servo takes two seconds to reach 40 %: the status is read once it has.
      steps: [[ref.move('WINDOW-SERVO', 'set_opening', 'living-room', 40)], [ref.wait(5)]],
      end: 40,
      confirms: true,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'set_opening', value: 40 },
      says: 'the living room window open 40 %',
      prompts: {
        prompt: 'Open the living room window to 40 % and tell me how far open it is.',
        indirect: 'The living room could use a bit of fresh air, not a gale, a bit under half open, 40 %. How far open does it say it is?',
        colloquial: 'living room window to 40% pls, how open is it',
        'goal-only': 'A living room window open 40 %, and its reported opening.',
      },
    }),
    setState(layout, {
      slug: 'living-room-open-wide',
      actuator: 'WINDOW-SERVO',
      place: 'living-room',
      scenario: 'hot-afternoon',
      at: '17:30',
      steps: [[ref.move('WINDOW-SERVO', 'open', 'living-room')], [ref.wait(10)]],
      end: 100,
      confirms: true,
      check: { kind: 'level', unit: '%' },
      requested: { command: 'open' },
      says: 'the living room window wide open',
      prompts: {
        prompt: 'Open the living room window all the way and tell me its opening.',
        indirect: 'I burnt the toast and the living room smells awful. Could we get the most air possible through there? How open is it then?',
        colloquial: 'open the living room window all the way, whats it at',
        'goal-only': 'The living room window as wide open as it goes, with its reported opening.',
      },
    }),
    setState(layout, {
      slug: 'living-room-air-then-close',
      actuator: 'WINDOW-SERVO',
      place: 'living-room',
      scenario: 'normal-day',
      at: '08:00',
      steps: [[ref.move('WINDOW-SERVO', 'set_opening', 'living-room', 50)], [ref.wait(300)], [ref.move('WINDOW-SERVO', 'close', 'living-room')], [ref.wait(5)]],
      end: 0,
      confirms: true,
      check: { kind: 'flag', says: 'the living room window is open', words: WINDOW_OPEN },
      requested: { command: 'set_opening', value: 50 },
      says: 'the living room window closed again after airing',
      prompts: {
        prompt: 'Air the living room: open the window halfway for five minutes, then close it and check it is shut.',
        indirect:
          "The living room smells of last night's dinner. Five minutes with the window half open ought to fix it, as long as it's shut again afterwards.",
        colloquial: 'air out the living room, window half open 5 mins then close it, check its shut',
        'goal-only': 'Five minutes of the living room window half open, then the window confirmed shut.',
      },
    }),
  ];
}
