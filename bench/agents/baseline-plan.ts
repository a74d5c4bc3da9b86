import { nameKey } from '../../core/names.js';
import type { Ask } from './baseline-request.js';
import type { Sampling } from './baseline-sampling.js';
import type { Board, Catalogue, SensorInfo, SensorTool } from './baseline-tools.js';
import { editDistance } from './baseline-words.js';

/**
 * Which calls the baseline makes for a request: sensors named outright first, then the sensors whose
 * descriptions best cover the rest of the request's concepts (rarer concepts weigh more, as in tf-idf),
 * on boards in the places it names; then, per sensor, the tool whose reply fields match the request best,
 * and the sampling asked for in the clause that mentions it.
 */

export interface PlannedRead {
  tool: SensorTool;
  /** The board it goes to, when the fleet list or a native tool says. */
  board: Board | null;
  place: string | null;
  args: Record<string, number | boolean | string>;
  /** The clause of the request it answers. */
  clause: number;
}

/** A sensor on a board (or anywhere, when no board is known). */
interface Pair {
  sensor: SensorInfo;
  board: Board | null;
}

type Named = readonly { sensor: SensorInfo; clause: number }[];

/** A concept shared by most sensors ("reading", "value") says little: one named by a few decides. */
const MIN_GAIN = 1.2;
/** The gain another sensor must bring when the request already names one. */
const NAMED_GAIN = 3.6;

/** Sensor names written out: "KY-010", "ky01o" (one slip), "LM53", "the GUVA", "BH1750s". */
function namedSensors(ask: Ask, sensors: readonly SensorInfo[]): Named {
  const named: { sensor: SensorInfo; clause: number }[] = [];
  const withDigits = sensors.filter((s) => /\d/.test(s.key));
  const plain = sensors.filter((s) => !/\d/.test(s.key));
  ask.clauses.forEach((clause, index) => {
    const words = clause.words;
    for (let i = 0; i < words.length; i++) {
      // A sensor named by a plain word counts only as "<name> sensor" ("the water sensor"), not as the word.
      const word = plain.find((s) => s.key === words[i] && /^(sensor|sensr|probe|module)$/.test(words[i + 1] ?? ''));
      if (word !== undefined) {
        if (!named.some((n) => n.sensor === word)) named.push({ sensor: word, clause: index });
        continue;
      }
      for (let span = 3; span >= 1; span--) {
        const joined = words.slice(i, i + span).join('');
        if (span > 1 && i + span > words.length) continue;
        let hit: SensorInfo | undefined;
        if (/\d/.test(joined)) {
          hit = withDigits.find((s) => s.key === joined);
          if (hit === undefined && joined.length >= 4) {
            const close = withDigits.filter((s) => editDistance(joined, s.key, 1) <= 1);
            if (close.length === 1) hit = close[0];
          }
        } else if (span === 1 && joined.length >= 3) {
          // A model's family name alone: "the GUVA", "the MPU", "my DHT".
          const prefixed = withDigits.filter((s) => s.key.startsWith(joined) && (joined.length >= 4 || /^\d/.test(s.key.slice(joined.length))));
          if (prefixed.length === 1) hit = prefixed[0];
        }
        if (hit !== undefined) {
          if (!named.some((n) => n.sensor === hit)) named.push({ sensor: hit, clause: index });
          i += span - 1;
          break;
        }
      }
    }
  });
  return named;
}

function samePlace(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && nameKey(a) === nameKey(b);
}

/** Native tools say their board and its place; when one does not say the place, it is guessed from the board's id ("esp32-living-room"). */
function boardsFromTools(catalogue: Catalogue, ask: Ask): Board[] {
  const boards = new Map<string, Board & { sensors: string[] }>();
  for (const tool of catalogue.sensorTools) {
    if (tool.mcu === null) continue;
    let board = boards.get(tool.mcu);
    if (board === undefined) {
      const place = tool.place ?? [...ask.places, ...catalogue.places].find((p) => nameKey(tool.mcu!).includes(nameKey(p))) ?? null;
      board = { id: tool.mcu, place, online: true, sensors: [] };
      boards.set(tool.mcu, board);
    }
    if (!board.sensors.includes(tool.sensor)) board.sensors.push(tool.sensor);
  }
  return [...boards.values()];
}

function pairsOf(sensors: readonly SensorInfo[], boards: readonly Board[]): Pair[] {
  if (boards.length === 0) return sensors.map((sensor) => ({ sensor, board: null }));
  const pairs: Pair[] = [];
  for (const board of boards) {
    if (!board.online) continue;
    for (const sensor of sensors) if (board.sensors.some((s) => nameKey(s) === sensor.key)) pairs.push({ sensor, board });
  }
  return pairs;
}

function toolsFor(pair: Pair): SensorTool[] {
  const native = pair.sensor.tools.filter((t) => t.mcu !== null);
  if (native.length === 0) return pair.sensor.tools;
  return native.filter((t) => t.mcu === pair.board?.id);
}

/** The tool whose reply fields match the request best; read_all when the request wants everything or names no field. */
function chooseTool(tools: readonly SensorTool[], concepts: ReadonlySet<string>, wantsAll: boolean, yesNo: boolean): SensorTool | undefined {
  let best: { tool: SensorTool; score: number } | undefined;
  for (const tool of tools) {
    const all = /\ball\b/.test(tool.action) || tool.name.endsWith('read_all');
    let score = 0;
    let unused = 0;
    for (const field of tool.fields) {
      const direct = [...field.concepts].filter((c) => concepts.has(c)).length;
      const about = [...field.about].filter((c) => concepts.has(c)).length;
      score += 3 * direct + 0.5 * Math.min(about, 2);
      // "Is the beam blocked?" is answered by a flag better than by a pin level.
      if (yesNo && field.flag && direct > 0) score += 1;
      if (direct === 0) unused++;
    }
    score -= 0.3 * unused;
    if (wantsAll && all) score += 5;
    if (best === undefined || score > best.score) best = { tool, score };
  }
  if (best !== undefined && best.score <= 0) return tools.find((t) => /\ball\b/.test(t.action) || t.name.endsWith('read_all')) ?? best.tool;
  return best?.tool;
}

function relevance(sensor: SensorInfo, concepts: Iterable<string>, idf: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const concept of concepts) total += (idf.get(concept) ?? 0) * (sensor.vocab.get(concept) ?? 0);
  return total;
}

/**
 * The part of the request a read answers: where its sensor is named, else the part most about it, an
 * instruction (one that says how to sample) winning a tie ("Is someone in there? Watch its PIR live").
 */
function clauseOf(pair: Pair, ask: Ask, named: Named, idf: ReadonlyMap<string, number>): number {
  const byName = named.find((n) => n.sensor === pair.sensor);
  if (byName) return byName.clause;
  const place = pair.board?.place ?? null;
  let best = 0;
  let bestScore = 0;
  ask.clauses.forEach((clause, i) => {
    const about = relevance(pair.sensor, clause.concepts, idf);
    if (about === 0) return;
    const here = clause.places.some((p) => samePlace(p, place)) ? 0.25 : 0;
    const instruction = ask.requestSampling[clause.request] !== null || clause.single ? 0.5 : 0;
    const score = about + here + instruction;
    if (score > bestScore + 1e-9) {
      best = i;
      bestScore = score;
    }
  });
  if (bestScore > 0) return best;
  const placed = ask.clauses.findIndex((clause) => clause.places.some((p) => samePlace(p, place)));
  return Math.max(placed, 0);
}

/**
 * The sampling for a read: the one its request asks for; else, unless it asks for one reading, that of a
 * request that reads nothing itself ("Over 6 seconds, once a second: did the humidity rise?"); else one reading.
 */
function samplingFor(clause: number, ask: Ask, anchors: ReadonlySet<number>): Sampling | null {
  const own = ask.clauses[clause]!;
  if (own.single && own.sampling === null) return null;
  const mine = ask.requestSampling[own.request] ?? null;
  if (mine !== null) return mine;
  const anchoredRequests = new Set([...anchors].map((i) => ask.clauses[i]!.request));
  const loose = ask.requestSampling.findIndex((sampling, r) => sampling !== null && !anchoredRequests.has(r));
  return loose >= 0 ? ask.requestSampling[loose]! : null;
}

/** Sampling arguments within the limits the tools' schemas state (interval 0.05..3600 s, duration up to 600 s, 1000 samples). */
function samplingArgs(sampling: Sampling | null): Record<string, number | boolean> {
  if (sampling === null) return {};
  const args: Record<string, number | boolean> = {};
  const interval = sampling.interval === undefined ? undefined : Math.min(3600, Math.max(0.05, sampling.interval));
  if (sampling.realTime) args['real_time'] = true;
  let duration = sampling.duration ?? (sampling.realTime ? undefined : 5);
  if (duration !== undefined) {
    duration = Math.min(600, duration);
    if (duration / (interval ?? 1) > 1000) duration = 1000 * (interval ?? 1);
    args['duration'] = duration;
  }
  if (interval !== undefined) args['interval'] = interval;
  return args;
}

/**
 * Which sensors on which boards: those named outright (on the boards in the places asked about), then
 * greedily the one covering most of what is still unread, rarer concepts weighing more, until nothing
 * the request asks about and no place it names is left.
 */
function selectPairs(ask: Ask, catalogue: Catalogue, pairs: readonly Pair[], named: Named): Pair[] {
  const { idf } = catalogue;
  const inAskedPlace = (pair: Pair) => pair.board === null || ask.places.length === 0 || ask.places.some((p) => samePlace(p, pair.board!.place));
  const selected: Pair[] = [];
  for (const { sensor } of named) {
    const mine = pairs.filter((p) => p.sensor === sensor);
    const here = mine.filter((p) => p.board !== null && ask.places.some((place) => samePlace(place, p.board!.place)));
    for (const pair of here.length > 0 ? here : mine.slice(0, 1)) selected.push(pair);
  }

  // A request that names its sensors reads others only for what they clearly add: each call the task does
  // not need costs the trial its call check.
  const threshold = named.length > 0 ? NAMED_GAIN : MIN_GAIN;
  const concepts = [...ask.concepts.keys()].filter((c) => idf.has(c));
  const uncovered = new Set(concepts.filter((c) => !selected.some((p) => p.sensor.vocab.has(c))));
  const placesLeft = new Set(ask.places.filter((place) => !selected.some((p) => samePlace(place, p.board?.place ?? null))));
  for (;;) {
    let best: { pair: Pair; gain: number; specificity: number } | undefined;
    for (const pair of pairs) {
      if (selected.includes(pair) || !inAskedPlace(pair)) continue;
      const gain = relevance(pair.sensor, uncovered, idf);
      const overall = relevance(pair.sensor, concepts, idf);
      const place = pair.board?.place ?? null;
      const fillsPlace = [...placesLeft].some((p) => samePlace(p, place)) && overall >= MIN_GAIN;
      if (gain < threshold && !fillsPlace) continue;
      // Between boards of one sensor: the place named next to what the request asks about, then a place still unread.
      const nearby = ask.clauses.some((c) => c.places.some((p) => samePlace(p, place)) && [...c.concepts].some((x) => pair.sensor.vocab.has(x))) ? 0.5 : 0;
      const unread = [...placesLeft].some((p) => samePlace(p, place)) ? 0.25 : 0;
      const total = gain + (fillsPlace ? overall : 0) + nearby + unread;
      // Between equals, the sensor that is about less else: a thermometer over an IMU for "temperature".
      const specificity = overall / Math.sqrt(pair.sensor.vocab.size);
      if (best === undefined || total > best.gain + 1e-9 || (Math.abs(total - best.gain) <= 1e-9 && specificity > best.specificity)) {
        best = { pair, gain: total, specificity };
      }
    }
    if (best === undefined) break;
    selected.push(best.pair);
    for (const concept of best.pair.sensor.vocab.keys()) uncovered.delete(concept);
    for (const place of [...placesLeft]) if (samePlace(place, best.pair.board?.place ?? null)) placesLeft.delete(place);
  }

  // "the workshop one or the garage one": the same sensor in every place its sentence names and nothing else reads.
  for (const pair of [...selected]) {
    const sentence = ask.clauses[clauseOf(pair, ask, named, idf)]!.sentence;
    const places = ask.clauses.filter((c) => c.sentence === sentence).flatMap((c) => c.places);
    for (const place of places) {
      if (selected.some((p) => samePlace(place, p.board?.place ?? null))) continue;
      const there = pairs.find((p) => p.sensor === pair.sensor && samePlace(place, p.board?.place ?? null));
      if (there) selected.push(there);
    }
  }
  return selected;
}

/** The calls for a request: a sensor tool per selected sensor and board, with its place and sampling. */
export function planReads(ask: Ask, catalogue: Catalogue, fleet: readonly Board[]): PlannedRead[] {
  if (catalogue.sensors.length === 0) return [];
  const boards = fleet.length > 0 ? fleet : boardsFromTools(catalogue, ask);
  const named = namedSensors(ask, catalogue.sensors);
  const selected = selectPairs(ask, catalogue, pairsOf(catalogue.sensors, boards), named);

  const anchors = selected.map((pair) => clauseOf(pair, ask, named, catalogue.idf));
  const anchorSet = new Set(anchors);
  const promptConcepts = new Set(ask.concepts.keys());
  const reads: PlannedRead[] = [];
  selected.forEach((pair, i) => {
    const clause = anchors[i]!;
    // "Everything it has" said anywhere in the read's request counts; said anywhere at all, when it is the only read.
    const request = ask.clauses[clause]!.request;
    const wantsAll = ask.clauses.some((c) => c.wantsAll && (c.request === request || selected.length === 1));
    const tool = chooseTool(toolsFor(pair), promptConcepts, wantsAll, ask.clauses[clause]!.yesNo);
    if (tool === undefined) return;
    const place = pair.board?.place ?? ask.places[0] ?? null;
    const args: PlannedRead['args'] = {};
    if (tool.args.has('place') && place !== null) args['place'] = place;
    Object.assign(args, samplingArgs(samplingFor(clause, ask, anchorSet)));
    reads.push({ tool, board: pair.board, place, args, clause });
  });
  return reads;
}
