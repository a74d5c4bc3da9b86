/**
 * The baseline's vocabulary: how it reads words in a prompt and in the tools' descriptions alike. Words are
 * lower-cased, crudely stemmed, spelling-corrected against the words it knows, and folded into concepts
 * ("warm", "hot", "temp" -> temperature), so "hows the temprature" and "Air temperature in whole degrees"
 * meet on the same concept. The table is ordinary English a person brings to the task, not knowledge of
 * the benchmark's tasks.
 */

const CONCEPT_WORDS: Readonly<Record<string, readonly string[]>> = {
  temperature: [
    'temperature',
    'temperatures',
    'temp',
    'temps',
    'warm',
    'warmer',
    'warmest',
    'hot',
    'hotter',
    'hottest',
    'cold',
    'colder',
    'coldest',
    'cool',
    'cooler',
    'chilly',
    'freezing',
    'heat',
    'celsius',
    'fahrenheit',
    'kelvin',
    'thermometer',
    'degree',
    'degrees',
  ],
  humidity: ['humidity', 'humid', 'damp', 'muggy', 'sticky', 'rh'],
  sound: [
    'sound',
    'loud',
    'louder',
    'loudest',
    'noise',
    'noisy',
    'quiet',
    'quieter',
    'silent',
    'db',
    'dba',
    'decibel',
    'decibels',
    'microphone',
    'mic',
    'mics',
    'hear',
    'listen',
  ],
  light: ['light', 'lux', 'bright', 'brighter', 'brightest', 'brightness', 'dark', 'darker', 'daylight', 'illuminance', 'ambient', 'lamp', 'dusk', 'dim'],
  uv: ['uv', 'ultraviolet', 'uvi', 'sunscreen', 'sunburn', 'uvs'],
  distance: [
    'distance',
    'far',
    'farther',
    'farthest',
    'furthest',
    'close',
    'closer',
    'closest',
    'nearest',
    'sonar',
    'ultrasonic',
    'echo',
    'cm',
    'centimetres',
    'centimeters',
    'inches',
    'parking',
  ],
  motion: [
    'motion',
    'movement',
    'moving',
    'someone',
    'somebody',
    'anybody',
    'anyone',
    'nobody',
    'person',
    'people',
    'occupied',
    'presence',
    'pir',
    'intruder',
    'burglar',
    'empty',
    'caught',
    'hiding',
    'sneak',
  ],
  detect: ['detect', 'detects', 'detected', 'see', 'detecting', 'detection', 'sees', 'seeing', 'notice', 'noticed', 'notices', 'spot', 'spotted'],
  vibration: ['vibration', 'vibrate', 'vibrating', 'shake', 'shaking', 'shaken', 'shock', 'knock', 'knocked', 'knocking', 'jolt', 'clatter'],
  tilt: ['tilt', 'tilted', 'tipped', 'upright'],
  angle: ['pitch', 'roll', 'angle', 'angles', 'wonky'],
  accel: ['accel', 'acceleration', 'accelerometer'],
  gyro: ['gyro', 'gyroscope', 'rotation', 'rotating', 'spin', 'spinning', 'yaw', 'turntable'],
  beam: ['beam', 'interrupter', 'barrier', 'gate', 'blocked', 'photo'],
  joystick: ['joystick', 'stick', 'gamepad'],
  button: ['button', 'press', 'pressed', 'pressing', 'push', 'pushed', 'click', 'clicked', 'clicking'],
  flame: ['flame', 'flames', 'fire', 'burning', 'hob', 'stove', 'infrared'],
  magnet: ['magnet', 'magnetic', 'hall', 'tesla', 'millitesla', 'mt', 'gauss', 'flux'],
  touch: ['touch', 'touched', 'touching', 'contact'],
  encoder: ['encoder', 'knob', 'rotary', 'dial', 'detent'],
  trigger: ['trigger', 'triggered', 'trip', 'tripped', 'tripping'],
  moisture: ['soil', 'moisture', 'plant', 'plants', 'watering', 'seedlings', 'dirt', 'ground'],
  water: ['water', 'leak', 'leaking', 'wet', 'flood', 'flooded', 'puddle', 'pooling', 'drip', 'dripping'],
  raw: ['raw', 'adc', 'count', 'counts'],
  voltage: ['voltage', 'volt', 'volts', 'mv', 'millivolt', 'millivolts'],
  rom: ['rom', 'roms', 'address', 'addresses'],
  scratchpad: ['scratchpad', 'scratchpads'],
  config: ['config', 'configs', 'configuration', 'resolution'],
  alarm: ['alarm', 'alarms', 'alarmed'],
};

const CONCEPT_OF = new Map<string, string>();
for (const [concept, words] of Object.entries(CONCEPT_WORDS)) for (const word of words) CONCEPT_OF.set(word, concept);

/** Words too common to say anything about a sensor. */
const STOPWORDS = new Set(
  (
    'a an the and or but of in on at to for from by with without is are was were be been being it its this that these those there ' +
    'what whats how hows which who whom when where why do does did doing done have has had i me my you your we our us they them ' +
    'he she his her him can could would should will shall may might must please pls plz tell give show get got me just now right ' +
    'moment currently current any some all every each one as if then than so also too very really about into out up down over ' +
    'under again still here only own same such no not nor yes ok okay hey hi quick whether while sensor sensors module value values ' +
    'reading readings number numbers data device devices board boards thing things both either neither zero two three four five ' +
    'six seven eight nine ten true false per rest full scale range around near more less than much many lot bit like want need ' +
    'know let look check tell say says said thanks thank'
  ).split(' '),
);

/**
 * Words that point at a concept in a request but not in a description: "is anyone in the kitchen" asks
 * about motion, while a touch sensor's "whether someone touches its wire" is not about motion, and a
 * PIR's "warm body" is not about temperature.
 */
const REQUEST_ONLY = new Set(['someone', 'somebody', 'anybody', 'anyone', 'nobody', 'person', 'people', 'empty', 'hot', 'warm', 'cold']);

/** The concept a description word stands for, or its stem. */
export function descriptionConceptOf(word: string): string {
  return REQUEST_ONLY.has(word) ? word : conceptOf(word);
}

/** The words of a text: lower case, numbers kept whole ("0.5"), "°", "'s" and "'" dropped. */
export function tokens(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/[’']s\b/g, '')
      .replace(/[’']/g, '')
      .replace(/(^|[^\d])\.(\d)/g, (_, before: string, digit: string) => `${before}0.${digit}`)
      .match(/\d+(?:\.\d+)?|[a-z0-9]+/g) ?? []
  );
}

/** A crude stem: enough to meet "readings" with "reading" and "probes" with "probe". */
export function stem(word: string): string {
  if (CONCEPT_OF.has(word) || word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  return word;
}

/** The concept a word stands for, or its stem when it names none. */
export function conceptOf(word: string): string {
  return CONCEPT_OF.get(word) ?? CONCEPT_OF.get(stem(word)) ?? stem(word);
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Every word the concept table knows, for spelling correction. */
export const CONCEPT_VOCABULARY: readonly string[] = [...CONCEPT_OF.keys()];

/** Edit distance with transpositions ("vibraiton"), stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How far a misspelling may stray: none for short words, one edit from 4 letters, two from 8.
 */
function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * The known word a misspelt one most likely meant ("temprature" -> "temperature"), or the word itself when
 * it is known, a stopword, a number, or close to nothing (or to two words equally).
 */
export function correctSpelling(word: string, known: ReadonlySet<string>): string {
  if (known.has(word) || STOPWORDS.has(word) || /\d/.test(word) || known.has(stem(word))) return word;
  const limit = allowedEdits(word);
  if (limit === 0) return word;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tie = false;
  for (const candidate of known) {
    // People rarely get the first letter wrong; "night" is not a misspelt "light".
    if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > limit || candidate.length < 4) continue;
    // A four-letter word may only have lost a letter ("evry"); "load" and "loud" are both words.
    if (word.length === 4 && candidate.length !== 5) continue;
    const distance = editDistance(word, candidate, limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tie = false;
    } else if (distance === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  return best !== undefined && !tie ? best : word;
}
