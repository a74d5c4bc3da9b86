import { BUZZER } from '../actuators/buzzer.js';
import { findActuator } from '../actuators/catalogue.js';
import { DIMMABLE_LIGHT } from '../actuators/dimmable-light.js';
import { checkedActuatorHistory } from '../actuators/history.js';
import { IRRIGATION_PUMP } from '../actuators/irrigation-pump.js';
import { MAIN_VALVE } from '../actuators/main-valve.js';
import { RELAY_FAN } from '../actuators/relay-fan.js';
import type { ActuatorEvent, ActuatorSpec } from '../actuators/types.js';
import { WINDOW_SERVO } from '../actuators/window-servo.js';
import { HOUR_MS } from './baseline.js';
import { FirstOrderLag } from './first-order-lag.js';
import { actuatorLevelPath, type LevelCommand, type LevelPath } from './level-path.js';
import type { PlaceEnvironment, World } from './types.js';

const MINUTE_MS = 60_000;

/** How far below where the room would sit a running fan brings it, C: it draws air from the shaded side of the house. */
export const FAN_COOLING_C = 3;
/** How fast a room cools under the fan and warms back once it stops, ms. */
export const FAN_TAU_MS = 10 * MINUTE_MS;
/** The share of the way to the outdoor air and humidity a wide-open window brings a room in the end (walls and the rest of the house hold it back). */
export const WINDOW_FULL_MIX = 0.7;
/** How fast an open window exchanges a room's air, ms (the same for its temperature and humidity). */
export const WINDOW_TAU_MS = 6 * MINUTE_MS;
/** The share of the outdoor daylight a wide-open window adds at once (a second window's worth, without glass). */
export const WINDOW_DAYLIGHT_SHARE = 0.01;
/** The share of the outdoor UV a wide-open window adds at once (no glass to stop it). */
export const WINDOW_UV_SHARE = 0.02;
/** How fast a leak's water drains from the probe once the main valve is closed, ms. */
export const LEAK_DRYING_TAU_MS = 10 * MINUTE_MS;
/** How fast a leak floods back to its depth once the main valve is open again, ms. */
export const LEAK_REFILL_TAU_MS = 2 * MINUTE_MS;
/** The soil moisture a soaked bed reads, %: the wet band of a moisture probe. */
export const SOIL_SATURATION_PCT = 60;
/** How fast the soil soaks while the irrigation pump runs, ms. */
export const SOIL_WETTING_TAU_MS = 5 * MINUTE_MS;
/** How fast watered soil dries back to where it was once the pump stops, ms. */
export const SOIL_DRYING_TAU_MS = 12 * HOUR_MS;
/** The light a lamp at full brightness adds at the sensors of its place, lux. */
export const LIGHT_FULL_LUX = 350;
/** The sound level of a sounding buzzer at the sensors of its place, dBA. */
export const BUZZER_DB = 85;
/** How much quieter a buzzer is through a door or wall, in a neighbouring place, dB. */
export const BUZZER_WALL_LOSS_DB = 20;

/** What a place's own actuators do to it; a buzzer next door reaches it too. */
interface PlaceEffects {
  /** Fan: the change of the air temperature, C. */
  fanC?: FirstOrderLag;
  /** Window: its opening (%), and the share of the way to the outdoor air the room has come. */
  window?: { opening: LevelPath; mix: FirstOrderLag };
  /** Pump: the share of the way to saturation the soil has come. */
  soaking?: FirstOrderLag;
  /** Lamp: its brightness, %. */
  lamp?: LevelPath;
  /** Buzzers heard here (on = 1) and how loud each is here, dBA. */
  buzzers: { on: LevelPath; db: number }[];
}

const SAME = (tauMs: number) => ({ rising: tauMs, falling: tauMs });

function addSound(levelsDb: readonly number[]): number {
  let power = 0;
  for (const db of levelsDb) power += 10 ** (db / 10);
  return 10 * Math.log10(power);
}

/**
 * The world as a trial's actuators change it: `base` with `events` (a trial's history, at world times) laid
 * over it. Still a pure function of (scenario, seed, place, time), now also of the history, so every board of
 * a trial sees the same actuated world and concurrent trials never see each other's.
 *
 * The base world is the home with every actuator at its power-on state, so an actuator only changes the world
 * once a command moves it away from that, and only at and after the command's time. Each actuator acts on its
 * own place, except where the physics reaches further: the main valve is the whole home's, and a buzzer is heard
 * through the doors of neighbouring places. Per actuator:
 * - fan (indoors): the air cools toward FAN_COOLING_C below where it would be, with FAN_TAU_MS, and warms back
 *   the same way; humidity is left alone.
 * - window (indoors, when the world has an outdoor place): temperature and humidity move toward the outdoor
 *   place's in proportion to the opening (up to WINDOW_FULL_MIX of the way) with WINDOW_TAU_MS, and daylight
 *   and UV come in at once in proportion to the opening. What the window lets in is the outdoor weather, not
 *   what actuators do outdoors.
 * - main valve: closed, the leak's water stops coming and the water at every probe drains with
 *   LEAK_DRYING_TAU_MS; opened again, the leak comes back with LEAK_REFILL_TAU_MS. Damp air from the leak stays.
 * - irrigation pump: the soil of its place soaks toward SOIL_SATURATION_PCT with SOIL_WETTING_TAU_MS while it
 *   runs and dries back with SOIL_DRYING_TAU_MS once it stops.
 * - lamp: adds LIGHT_FULL_LUX times its level at once.
 * - buzzer: adds BUZZER_DB in its place and BUZZER_DB - BUZZER_WALL_LOSS_DB in each neighbour (sound powers add).
 *
 * Slow effects follow first-order dynamics solved in closed form, so reading the world costs one binary search
 * per actuator in the place, whatever the history's length. The history is checked first (known actuators,
 * values in their ranges, finite times) and may hold at most MAX_ACTUATOR_EVENTS events
 * (`core/actuators/history.ts`): past that, or on any bad event, this throws a RangeError naming every problem.
 * An empty history gives the base world itself.
 */
export function actuatedWorld(base: World, events: readonly ActuatorEvent[]): World {
  const history = checkedActuatorHistory(events);
  if (history.length === 0) return base;
  // Stable: events at one time take effect in the order given.
  history.sort((a, b) => a.timeMs - b.timeMs);

  const groups = new Map<string, { spec: ActuatorSpec; place: string; commands: LevelCommand[] }>();
  for (const event of history) {
    const spec = findActuator(event.actuator)!;
    // A home-wide actuator (the main valve) acts on the whole home, wherever the board that drives it sits.
    const place = spec.homeWide ? '' : base.place(event.place).id;
    const key = `${spec.name}\u0000${place}`;
    let group = groups.get(key);
    if (!group) {
      group = { spec, place, commands: [] };
      groups.set(key, group);
    }
    group.commands.push({ timeMs: event.timeMs, value: event.value });
  }

  const outdoor = base.places.find((id) => !base.place(id).indoor);
  const byPlace = new Map<string, PlaceEffects>();
  const effectsOf = (place: string): PlaceEffects => {
    let effects = byPlace.get(place);
    if (!effects) {
      effects = { buzzers: [] };
      byPlace.set(place, effects);
    }
    return effects;
  };
  let water: FirstOrderLag | undefined;

  for (const { spec, place, commands } of groups.values()) {
    const path = actuatorLevelPath(spec, commands);
    switch (spec) {
      case RELAY_FAN:
        // Outdoor air is not the fan's to cool.
        if (base.place(place).indoor) effectsOf(place).fanC = new FirstOrderLag(path, -FAN_COOLING_C, SAME(FAN_TAU_MS));
        break;
      case WINDOW_SERVO:
        if (base.place(place).indoor && outdoor !== undefined) {
          effectsOf(place).window = { opening: path, mix: new FirstOrderLag(path, WINDOW_FULL_MIX / 100, SAME(WINDOW_TAU_MS)) };
        }
        break;
      case MAIN_VALVE:
        water = new FirstOrderLag(path, 1, { rising: LEAK_REFILL_TAU_MS, falling: LEAK_DRYING_TAU_MS });
        break;
      case IRRIGATION_PUMP:
        effectsOf(place).soaking = new FirstOrderLag(path, 1, { rising: SOIL_WETTING_TAU_MS, falling: SOIL_DRYING_TAU_MS });
        break;
      case DIMMABLE_LIGHT:
        effectsOf(place).lamp = path;
        break;
      case BUZZER:
        effectsOf(place).buzzers.push({ on: path, db: BUZZER_DB });
        for (const neighbour of base.place(place).neighbours) {
          if (base.places.includes(neighbour)) effectsOf(neighbour).buzzers.push({ on: path, db: BUZZER_DB - BUZZER_WALL_LOSS_DB });
        }
        break;
    }
  }

  /** Lays a place's effects over `actuated`, a copy of `env`, the base world's environment there. */
  function apply(actuated: PlaceEnvironment, env: PlaceEnvironment, effects: PlaceEffects, timeMs: number): void {
    const { fanC, window, soaking, lamp, buzzers } = effects;
    if (window && outdoor !== undefined) {
      const opening = window.opening.at(timeMs) / 100;
      const mix = window.mix.at(timeMs);
      if (opening !== 0 || mix !== 0) {
        const outside = base.environment(outdoor, timeMs);
        actuated.airTemperatureC += mix * (outside.airTemperatureC - env.airTemperatureC);
        actuated.humidityPct += mix * (outside.humidityPct - env.humidityPct);
        // Opening a window never darkens a lamp-lit room at night.
        actuated.illuminanceLux += opening * WINDOW_DAYLIGHT_SHARE * Math.max(0, outside.illuminanceLux - env.illuminanceLux);
        actuated.uvIndex += opening * WINDOW_UV_SHARE * Math.max(0, outside.uvIndex - env.uvIndex);
      }
    }
    if (fanC) actuated.airTemperatureC += fanC.at(timeMs);
    if (soaking) actuated.soilMoisturePct += soaking.at(timeMs) * (SOIL_SATURATION_PCT - env.soilMoisturePct);
    if (lamp) actuated.illuminanceLux += (LIGHT_FULL_LUX * lamp.at(timeMs)) / 100;
    const sounding = buzzers.filter((buzzer) => buzzer.on.at(timeMs) !== 0).map((buzzer) => buzzer.db);
    if (sounding.length > 0) actuated.soundDb = addSound([env.soundDb, ...sounding]);
  }

  function environment(placeName: string, timeMs: number): PlaceEnvironment {
    const env = base.environment(placeName, timeMs);
    const effects = byPlace.get(env.place);
    const flooding = water !== undefined && env.waterDepthMm !== 0;
    if (!effects && !flooding) return env;
    const actuated = { ...env };
    if (flooding) actuated.waterDepthMm = env.waterDepthMm * water!.at(timeMs);
    if (effects) apply(actuated, env, effects, timeMs);
    return actuated;
  }

  return {
    scenario: base.scenario,
    seed: base.seed,
    places: base.places,
    place: (name) => base.place(name),
    environment,
    gaussian: (key, timeMs) => base.gaussian(key, timeMs),
    uniform: (key, timeMs) => base.uniform(key, timeMs),
  };
}
