import { gaussian, smoothGaussian, uniform } from './noise.js';
import type { Place } from './places.js';
import type { Climate } from './scenarios/scenario.js';
import type { PlaceEnvironment } from './types.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

/** Hour of day (UTC, 0 <= h < 24) at a world time. The simulated home lives on UTC. */
export function hourOfDay(timeMs: number): number {
  return (((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
}

function clamp(value: number, min: number, max: number): number {
  return value < min ? min : Math.min(value, max);
}

/** Height of the sun, 0 (below the horizon) to 1 (noon): midsummer, sunrise 05:00, sunset 21:00. */
export function sunHeight(hour: number): number {
  return hour > 5 && hour < 21 ? Math.sin((Math.PI * (hour - 5)) / 16) : 0;
}

/** How busy the house is: 0 deep night, 1 from 07:00 to 22:00, ramps between. */
function activity(hour: number): number {
  if (hour >= 7 && hour < 22) return 1;
  if (hour >= 5.5 && hour < 7) return (hour - 5.5) / 1.5;
  if (hour >= 22 && hour < 23.5) return (23.5 - hour) / 1.5;
  return 0;
}

function lampsOn(hour: number): boolean {
  return hour >= 20 && hour < 23.5;
}

/**
 * The normal day at one place and instant: outdoor temperature and sun follow the time of day, rooms
 * follow the house and a share of the outdoor swing, lamps come on in the evening, the house is quiet
 * at night. Fixed features of a place (how far the ranger's wall is, how level the boards sit, how wet
 * the pot is) are drawn once from the seed. Nobody touches anything: scenarios add that.
 */
export function baselineEnvironment(place: Place, timeMs: number, hour: number, climate: Climate, seed: number): PlaceEnvironment {
  const id = place.id;
  const c = place.outdoorCoupling;
  const dayShift = climate.dayToDayC * gaussian(seed, 'day', Math.floor(timeMs / DAY_MS));

  const outdoorC =
    climate.outdoorMeanC +
    dayShift +
    climate.outdoorSwingC * Math.cos((2 * Math.PI * (hour - 15)) / 24) +
    0.4 * smoothGaussian(seed, 'outdoor-t', timeMs, 20 * MINUTE_MS);
  const houseC = climate.houseC + 0.3 * dayShift;
  const airC = (1 - c) * houseC + c * outdoorC + place.thermalOffsetC + 0.2 * smoothGaussian(seed, `t:${id}`, timeMs, 15 * MINUTE_MS);

  // Soil lags the air by a few hours and swings half as much; wet soil runs a little cooler.
  const lagged = climate.outdoorMeanC + dayShift + 0.5 * climate.outdoorSwingC * Math.cos((2 * Math.PI * (hour - 18)) / 24);
  const probeC = (1 - c) * houseC + c * lagged + 0.5 * place.thermalOffsetC - 0.5;

  const outdoorRh = 62 - 2.2 * (outdoorC - 20) + 4 * smoothGaussian(seed, 'outdoor-rh', timeMs, 30 * MINUTE_MS);
  const indoorRh = climate.houseHumidityPct + place.humidityOffsetPct - 0.8 * (airC - 22) + 1.5 * smoothGaussian(seed, `rh:${id}`, timeMs, 20 * MINUTE_MS);
  const humidity = clamp(place.indoor ? indoorRh : outdoorRh, 8, 98);

  const sun = sunHeight(hour);
  const cloud = clamp(climate.cloudiness + 0.15 * smoothGaussian(seed, 'cloud', timeMs, 15 * MINUTE_MS), 0, 1);
  const moonLux = 0.05 + 0.25 * uniform(seed, 'moon', Math.floor(timeMs / DAY_MS));
  const outdoorLux = 120_000 * sun ** 1.5 * (1 - 0.75 * cloud) + moonLux;
  const outdoorUv = climate.uvPeak * sun ** 2.5 * (1 - 0.6 * cloud);
  // Standby LEDs and street light keep rooms from reading exactly 0.
  const roomLux = outdoorLux * place.daylightFactor + (lampsOn(hour) ? place.lampLux : 0) + (place.indoor ? 0.3 : 0);
  // Window glass stops most UV.
  const uv = place.indoor ? outdoorUv * Math.min(0.05, place.daylightFactor * 3) : outdoorUv;

  const nightDb = place.indoor ? 27 : 31;
  const soundDb = nightDb + (place.daySoundDb - nightDb) * activity(hour) + 1.2 * smoothGaussian(seed, `snd:${id}`, timeMs, 4000);

  const soil = clamp(40 + 4 * gaussian(seed, `soil:${id}`, 0), 32, 48) + 0.5 * smoothGaussian(seed, `soil:${id}`, timeMs, 3 * HOUR_MS);
  const wallCm = place.indoor ? 120 + 200 * uniform(seed, `wall:${id}`, 0) : 150 + 240 * uniform(seed, `wall:${id}`, 0);

  return {
    place: id,
    timeMs,
    airTemperatureC: airC,
    humidityPct: humidity,
    probeTemperatureC: probeC,
    illuminanceLux: place.indoor ? roomLux : outdoorLux,
    uvIndex: uv,
    soundDb: Math.max(20, soundDb),
    motion: false,
    // Fridges, traffic: boards are never perfectly still.
    vibrationMs2: 0.01 + 0.03 * uniform(seed, `vib:${id}`, 0),
    tiltDeg: { pitch: 0.8 * gaussian(seed, `pitch:${id}`, 0), roll: 0.8 * gaussian(seed, `roll:${id}`, 0) },
    rotationDegS: { x: 0, y: 0, z: 0 },
    flameIntensity: 0,
    // The vertical part of the Earth's field, give or take local steel.
    magneticFieldMt: 0.045 + 0.01 * gaussian(seed, `mag:${id}`, 0),
    soilMoisturePct: soil,
    waterDepthMm: 0,
    distanceCm: wallCm,
    buttonPressed: false,
    touched: false,
    beamBlocked: false,
    joystick: { x: 0, y: 0, pressed: false },
    encoder: { position: encoderRest(seed, id), pressed: false },
  };
}

/** Where the knob in a place was left: a seeded detent count, -20..19. */
export function encoderRest(seed: number, placeId: string): number {
  return Math.floor(uniform(seed, `enc:${placeId}`, 0) * 40) - 20;
}
