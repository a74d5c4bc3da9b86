import { nameKey } from '../../../core/names.js';
import { SENSORS } from '../../../core/sensors/catalogue.js';
import { DEFAULT_PLACES } from '../../../core/world/places.js';
import type { Part, Quantity, Stat } from '../../../tasks/schema.js';

/**
 * The words an answer names things with: places, sensor types, quantities, parts of a reading and
 * statistics. A referent (tasks/schema.ts `about`) is written in these keys; the checker finds the phrases in
 * an answer and binds each number to the things named around it. Phrases match whole words, case-insensitive,
 * a space standing for any run of spaces or hyphens ("living room" = "living-room").
 */

/** Other ways people name the default places; a place id and its plain name always count too. */
const PLACE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  'living-room': ['lounge', 'sitting room', 'front room', 'family room', 'living area'],
  bedroom: ['bed room'],
  garden: ['outside', 'outdoors', 'outdoor', 'yard', 'backyard', 'veg bed', 'vegetable bed', 'vegetable patch', 'greenhouse'],
  workshop: ['workbench', 'work bench', 'shop'],
};

/**
 * Comparison words of a threshold verdict: "above 33 C", "more than the ladder's 2.5 m". They count only
 * where they compare with the threshold (bench/scoring/answer/verdicts.ts).
 */
export const ABOVE_WORDS = [
  'above',
  'over',
  'higher than',
  'greater than',
  'more than',
  'exceeds',
  'exceeded',
  'exceeding',
  'past',
  'beyond',
  'topped',
  'reached',
  'crossed',
  'hotter than',
  'warmer than',
  'louder than',
  'brighter than',
  'farther than',
  'further than',
  'longer than',
] as const;
export const BELOW_WORDS = [
  'below',
  'under',
  'beneath',
  'lower than',
  'less than',
  'fewer than',
  'short of',
  'cooler than',
  'colder than',
  'quieter than',
  'darker than',
  'dimmer than',
  'closer than',
  'shorter than',
] as const;

/**
 * Plain nouns that state a flag ("there's no motion", "motion: none", "the trigger never fired"); the task
 * compiler adds them to the verdict words of the flag they name.
 */
export const FLAG_NOUNS: Readonly<Record<string, readonly string[]>> = {
  motion: ['motion', 'movement', 'anyone', 'anybody'],
  shock: ['vibration', 'shock'],
  detected: ['flame', 'fire'],
  switch: ['magnet'],
  alarm: ['alarm'],
  triggered: ['trigger'],
};
export const FLAG_NOUN_WORDS: ReadonlySet<string> = new Set(Object.values(FLAG_NOUNS).flat());

/** Words for "somewhere indoors": any place but an outdoor one. */
export const INDOOR_WORDS = ['inside', 'indoors', 'indoor', 'in the house', 'in here'] as const;

/** How a person names a place: "living room" for "living-room". */
export function placeName(place: string): string {
  return DEFAULT_PLACES.find((p) => nameKey(p.id) === nameKey(place))?.name ?? place.replace(/[-_]+/g, ' ');
}

export function placePhrases(place: string): string[] {
  const known = DEFAULT_PLACES.find((p) => nameKey(p.id) === nameKey(place));
  const names = new Set([place, place.replace(/[-_]+/g, ' ')]);
  if (known) {
    names.add(known.name);
    for (const alias of PLACE_ALIASES[known.id] ?? []) names.add(alias);
  }
  return [...names];
}

/** The default places, and whether each is indoors (for "inside" / "outside"). */
export const KNOWN_PLACES: readonly { id: string; indoor: boolean }[] = DEFAULT_PLACES.map((p) => ({ id: p.id, indoor: p.indoor }));

/** Everyday names of a sensor type beyond its model number. */
const SENSOR_NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  DHT11: ['DHT'],
  MPU6050: ['MPU', 'IMU', 'accelerometer', 'gyroscope'],
  DS18B20: ['1-Wire', 'onewire', 'one-wire'],
  BH1750: [],
  'GUVA-S12SD': ['GUVA'],
  LTR390: [],
  'HC-SR04': ['ultrasonic', 'sonar', 'rangefinder', 'range finder'],
  'HC-SR501': ['PIR', 'motion sensor', 'motion detector'],
  SW420: ['vibration sensor', 'shock sensor'],
  'KY-004': ['push button', 'button module'],
  'KY-010': ['photo interrupter', 'photointerrupter', 'light barrier', 'optical switch'],
  'KY-020': ['tilt switch', 'tilt sensor'],
  'KY-023': ['joystick', 'stick'],
  'KY-026': ['flame sensor', 'flame detector', 'IR flame'],
  'KY-035': ['Hall sensor', 'Hall effect sensor', 'hall-effect sensor'],
  'KY-036': ['touch sensor', 'metal touch'],
  'KY-038': ['microphone', 'mic', 'sound sensor'],
  'KY-040': ['rotary encoder', 'encoder'],
  'HW-080': ['soil moisture sensor', 'soil sensor', 'moisture sensor', 'moisture probe'],
  WATER: ['water sensor', 'leak sensor', 'water probe', 'leak probe', 'leak detector'],
};

/**
 * Words naming a part of some sensors and the whole of another: "button" is the push switch of the encoder or
 * the joystick, and the KY-004 itself. They name the sensor only in a task about it.
 */
export const PART_OR_SENSOR: Readonly<Record<string, string>> = { button: 'KY-004' };

/** Words naming any of several sensor types: "the UV sensor" is the GUVA-S12SD or the LTR390. */
export const SENSOR_GROUPS: readonly [string, readonly string[]][] = [
  ['soil probe', ['HW-080', 'DS18B20']],
  ['UV sensor', ['GUVA-S12SD', 'LTR390']],
  ['UV sensors', ['GUVA-S12SD', 'LTR390']],
  ['light sensor', ['BH1750', 'LTR390']],
  ['light sensors', ['BH1750', 'LTR390']],
  ['lux sensor', ['BH1750', 'LTR390']],
  ['temperature sensor', ['DHT11', 'LM35', 'TMP36', 'DS18B20', 'MPU6050']],
  ['thermometer', ['DHT11', 'LM35', 'TMP36', 'DS18B20']],
  ['Hall switch', ['KY-035']],
];

/** The name an answer can call a sensor type by: its model number, else its everyday name. */
export function sensorName(sensor: string): string {
  return sensorPhrases(sensor)[0] ?? sensor;
}

export function sensorPhrases(sensor: string): string[] {
  const spec = SENSORS.find((s) => s.name === sensor);
  // Model names only ("HC-SR04", "HCSR04", "KY038"); plain words such as "soil" or "water" name no sensor.
  const model = (name: string) => /\d/.test(name);
  const names = new Set<string>(model(sensor) ? [sensor, sensor.replace(/-/g, '')] : []);
  for (const alias of spec?.aliases ?? []) if (model(alias)) names.add(alias.replace(/_/g, '-'));
  for (const nick of SENSOR_NICKNAMES[sensor] ?? []) names.add(nick);
  return [...names];
}

/** Nouns naming what is measured (adjectives such as "warmer" describe places and things, not figures). */
export const QUANTITY_WORDS: Readonly<Record<Quantity, readonly string[]>> = {
  temperature: ['temperature', 'temperatures', 'temp', 'temps', 'warmth', 'heat', 'thermometer'],
  humidity: ['humidity', 'relative humidity', 'RH', 'dampness'],
  light: ['light', 'light level', 'lighting', 'illuminance', 'illumination', 'brightness', 'daylight', 'sunlight', 'ambient light'],
  'uv-index': ['UV index', 'UV', 'UVI', 'ultraviolet', 'UV level', 'index'],
  'sound-level': ['sound', 'sound level', 'noise', 'noise level', 'loudness', 'volume', 'sound pressure'],
  distance: ['distance', 'distances', 'how far', 'clearance', 'range to', 'away'],
  acceleration: ['acceleration', 'accelerations', 'accel', 'accelerometer', 'g-force', 'gravity'],
  'rotation-rate': [
    'rotation',
    'rotation rate',
    'rotating',
    'gyro',
    'gyroscope',
    'angular rate',
    'angular velocity',
    'spin',
    'spinning',
    'turn rate',
    'rate of turn',
  ],
  angle: ['angle', 'angles', 'tilt angle', 'inclination', 'orientation', 'attitude'],
  voltage: ['voltage', 'voltages', 'volts', 'millivolts', 'output voltage', 'analog output', 'analogue output'],
  raw: ['raw', 'raw value', 'raw reading', 'raw count', 'raw counts', 'ADC', 'ADC value', 'ADC reading', 'ADC count', 'ADC counts', 'counts', 'digital value'],
  moisture: ['moisture', 'soil moisture', 'wetness', 'water content'],
  'magnetic-field': ['field', 'magnetic field', 'field strength', 'flux', 'flux density', 'magnetism', 'magnetic'],
  'pin-level': ['pin', 'pin level', 'logic level', 'pin state', 'digital level'],
  resolution: ['resolution', 'bit depth', 'precision'],
  'alarm-threshold': ['threshold', 'thresholds', 'alarm threshold', 'setpoint', 'set point', 'set-point', 'limit', 'alarm limit', 'trip point'],
  'alarm-count': ['in alarm', 'alarmed', 'alarming', 'alarms', 'alarm'],
  'rom-code': ['ROM', 'ROMs', 'ROM code', 'ROM codes', 'address', 'addresses', 'serial', 'ID'],
  scratchpad: ['scratchpad', 'scratchpads', 'scratch pad', 'memory'],
  duration: ['duration', 'held down', 'held in', 'how long', 'total time', 'in total'],
};

/**
 * The MPU6050 reports its tilt as "x" and "y" (tilt x is the pitch, tilt y the roll): where a task asks for
 * pitch or roll and for no axis, an answer's x and y are those angles.
 */
export const TILT_AXES: Readonly<Partial<Record<Part, Part>>> = { x: 'pitch', y: 'roll' };

/** Parts of one kind exclude each other: naming the x axis rules out y and z, the soil probe the air probe. */
export const PART_GROUPS: readonly (readonly Part[])[] = [
  ['x', 'y', 'z'],
  ['pitch', 'roll'],
  ['air-probe', 'soil-probe'],
  ['high', 'low'],
  ['clk', 'dt', 'switch'],
  ['uv', 'visible'],
];

export const PART_WORDS: Readonly<Record<Part, readonly string[]>> = {
  x: ['x', 'x-axis', 'x axis', 'X reading', 'horizontal'],
  y: ['y', 'y-axis', 'y axis', 'Y reading', 'vertical'],
  z: ['z', 'z-axis', 'z axis', 'yaw'],
  pitch: ['pitch'],
  roll: ['roll'],
  'air-probe': ['air probe', 'air', 'air temperature', 'air sensor', 'probe 1', 'first probe', 'probe #1', 'probe 0', 'probe #0', 'index 0', '[0]'],
  'soil-probe': ['soil probe', 'soil', 'soil temperature', 'ground', 'probe 2', 'second probe', 'probe #2', 'index 1', '[1]'],
  high: ['high', 'upper', 'TH', 'high alarm', 'high-alarm', 'high threshold', 'upper limit', 'ceiling'],
  low: ['low', 'lower', 'TL', 'low alarm', 'low-alarm', 'low threshold', 'lower limit', 'floor'],
  clk: ['CLK', 'clock'],
  dt: ['DT', 'data pin', 'data line'],
  switch: ['switch', 'SW', 'knob', 'push switch', 'button'],
  uv: ['UVS', 'UV count', 'UV channel', 'raw UV'],
  visible: ['ALS', 'ambient', 'visible', 'ambient light', 'ALS count'],
};

/**
 * Words naming a statistic. `lower-end` and `upper-end` are what "from X to Y" and "between X and Y" give
 * each end: the lowest or first value, the highest or last.
 */
export type StatCue = Stat | 'lower-end' | 'upper-end' | 'constant';

export const STAT_WORDS: Readonly<Partial<Record<StatCue, readonly string[]>>> = {
  // "Reading: 4.62" beside "Gap to 6: 1.38": the plain value, no statistic of the samples.
  reading: ['reading'],
  constant: [
    'both at',
    'both were',
    'both read',
    'both',
    'steady',
    'steadily at',
    'constant',
    'constantly',
    'stayed at',
    'held at',
    'held steady',
    'flat at',
    'unchanged',
    'in both readings',
    'in every reading',
    'in all readings',
    'every reading',
    'each reading',
    'all readings',
    'throughout',
    'the whole time',
    'the entire time',
    "didn't budge",
    'did not change',
    'both readings',
    'every sample',
    'all samples',
    'all the readings',
    'each sample',
  ],
  first: [
    'first',
    'initial',
    'initially',
    'started',
    'starting',
    'start',
    'starts',
    'began',
    'begins',
    'begin',
    'beginning',
    'opening',
    'opened',
    'earliest',
    'at first',
    'to begin with',
  ],
  last: [
    'last',
    'latest',
    'final',
    'finally',
    'most recent',
    'current',
    'currently',
    'now',
    'right now',
    'ended',
    'ending',
    'end',
    'ends',
    'finished',
    'finishes',
    'finishing',
    'at the end',
    'later',
    'afterwards',
    'second reading',
    'second read',
    'second sample',
    'second one',
  ],
  mean: ['mean', 'average', 'averages', 'averaged', 'averaging', 'avg', 'on average', 'typical', 'typically', 'arithmetic mean'],
  median: ['median', 'middle value'],
  min: [
    // "Lowest (most negative)": the most of a negative is the least.
    'most negative',
    'low',
    'min',
    'minimum',
    'minimal',
    'lowest',
    'low of',
    'least',
    'smallest',
    'bottom',
    'bottomed',
    'bottomed out',
    'dipped',
    'dipped to',
    'as low as',
    'low point',
    'bottomed at',
    'lowest point',
    'trough',
    'coldest',
    'coolest',
    'darkest',
    'dimmest',
    'quietest',
    'closest',
    'nearest',
    'shortest',
    'driest',
    'weakest',
    'closest approach',
  ],
  max: [
    'high',
    'max',
    'maximum',
    'maxed',
    'maxed out',
    'highest',
    'high of',
    'peak',
    'peaks',
    'peaked',
    'peaking',
    'top',
    'topped',
    'topped out',
    'most',
    'largest',
    'biggest',
    'greatest',
    'hottest',
    'warmest',
    'brightest',
    'loudest',
    'farthest',
    'furthest',
    'longest',
    'wettest',
    'strongest',
    'spiked',
    'spike',
    'as high as',
    'high point',
    'highest point',
  ],
  range: [
    'range',
    'ranged by',
    'spread',
    'swing',
    'swung',
    'peak-to-peak',
    'peak to peak',
    'p-p',
    'pk-pk',
    'variation',
    'varied by',
    'varies by',
    'fluctuated by',
    'fluctuation',
    'wobble',
    'wobbled',
    'span',
    'spanned',
    'max minus min',
    'max-min',
  ],
  delta: [
    // "(last minus first)": the formula of a change names the change, not its ends.
    'last minus first',
    'last - first',
    'last \u2212 first',
    'last \u2013 first',
    'final minus initial',
    'end minus start',
    'change',
    'changed',
    'changes',
    'rose',
    'rise',
    'risen',
    'rising',
    'increase',
    'increased',
    'increasing',
    'fell',
    'fall',
    'fallen',
    'dropped',
    'drop',
    'decrease',
    'decreased',
    'drift',
    'drifted',
    'went up',
    'went down',
    'climbed',
    'gained',
    'lost',
    'shift',
    'shifted',
    'moved',
    'net',
  ],
  sum: ['sum', 'total', 'combined', 'altogether', 'in total', 'added up', 'summed'],
  count: ['count', 'counted', 'number of', 'tally'],
  total: ['in total', 'total', 'altogether', 'all told', 'samples in all', 'in all'],
  share: [
    'percent',
    'percentage',
    'per cent',
    'share',
    'proportion',
    'fraction',
    'of the time',
    'of the samples',
    'of the readings',
    'of samples',
    'of readings',
    'of the checks',
    'of the window',
  ],
  // Only words that name a gap themselves; "0.9 C above", "by 3 C" are read from their position (numbers.ts).
  difference: [
    'headroom',
    'margin',
    'to spare',
    'difference',
    'differ',
    'differs',
    'different by',
    'apart',
    'gap',
    'deviation',
    'deviates',
    'discrepancy',
    'delta',
    'separation',
    'off by',
    'distance from',
    'how far',
  ],
  // "5 times brighter", "5x" are read from their position (numbers.ts).
  ratio: ['ratio', 'fold', 'multiple'],
  derived: [
    'calculated',
    'calculates',
    'computed',
    'computes',
    'worked out',
    'works out',
    'work out',
    'converted',
    'converts',
    'convert',
    'conversion',
    'formula',
    'derived',
    'comes to',
    'comes out',
    'implies',
    'implied',
    'would give',
    'gives',
    'translates',
    'equivalent',
    'equals',
    'corresponds',
  ],
  'lower-end': [],
  'upper-end': [],
};

/**
 * Statistics no one figure can be at once, each with the cues that name it. A figure may be two of them when it
 * is ("min and max were both 65535"); one named as three or more ("lowest highest average first last change
 * total is 17.4") is keyword stuffing, and says which it is no more than a bare figure does.
 */
const EXCLUSIVE: readonly (readonly string[])[] = [
  ['min', 'lower-end'],
  ['max', 'upper-end'],
  ['mean'],
  ['median'],
  ['first'],
  ['last'],
  ['range'],
  ['delta', 'difference'],
  ['sum'],
  ['count', 'total', 'share'],
  ['ratio'],
];

/** A figure named as more statistics than this at once is keyword stuffing. */
export const MOST_STATISTICS = 2;

/** How many statistics that exclude each other a set of statistic cues names. */
export function statisticsNamed(said: ReadonlySet<string>): number {
  return EXCLUSIVE.filter((group) => group.some((cue) => said.has(cue))).length;
}

/**
 * Verbs of samples arriving ("8 readings came back"): they name a total only of a number of samples, never
 * of a value ("the reading that came back is 951").
 */
export const ARRIVAL_WORDS = [
  'samples came',
  'readings came',
  'samples arrived',
  'readings arrived',
  'came back',
  'came in',
  'were taken',
  'were collected',
] as const;

/** Nouns of things that happen: a number of them is always a count of a condition ("3 detections"). */
export const EVENT_NOUNS = [
  'times',
  'detections',
  'triggers',
  'hits',
  'events',
  'presses',
  'occurrences',
  'occasions',
  'instances',
  'touches',
  'trips',
] as const;

/** Nouns that make a number a count of samples: "3 samples", "5 readings", "twice". */
export const COUNT_NOUNS = [
  'samples',
  'sample',
  'readings',
  'reading',
  'checks',
  'polls',
  'measurements',
  'measurement',
  'reads',
  'times',
  'occasions',
  'instances',
  'observations',
  'data points',
  'values',
  'snapshots',
  'detections',
  'triggers',
  'hits',
  'events',
  'presses',
  'occurrences',
] as const;

/**
 * Words after which a number is a figure of reference (a threshold, a target), not a reading; "the" only right
 * before it ("the 30 C threshold"): "the lowest was 65535" is a statement.
 */
export const REFERENCE_WORDS = [
  'than',
  'to',
  'above',
  'below',
  'over',
  'under',
  'from',
  'of',
  'target',
  'threshold',
  'limit',
  'setpoint',
  'mark',
  'ideal',
  'trigger',
  'nominal',
  'centre',
  'center',
  'your',
  'past',
  'beyond',
  'exceed',
  'exceeds',
  'exceeding',
  'reach',
] as const;
