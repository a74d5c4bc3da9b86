import { nameKey } from '../names.js';

/**
 * The places of the simulated home. A place's traits say how the weather outside and the people inside
 * reach the sensors there; the scenarios and the daily cycle do the rest.
 */
export interface Place {
  /** Id as fleets and tasks use it ("living-room"). */
  id: string;
  /** How a person would say it ("living room"). */
  name: string;
  indoor: boolean;
  /** Fraction of the outdoor daylight reaching a sensor here (1 outdoors; windows make the rest). */
  daylightFactor: number;
  /** Light from the lamps when they are on in the evening, lux (0: none). */
  lampLux: number;
  /** How much of the outdoor temperature swing reaches inside (0 well insulated, 1 outdoors). */
  outdoorCoupling: number;
  /** Warmer (appliances, sun) or cooler than the rest of the house, C. */
  thermalOffsetC: number;
  /** Damper (cooking, a water heater) or drier than the rest of the house, %RH. */
  humidityOffsetPct: number;
  /** Background sound in the daytime, dBA (night is quieter everywhere). */
  daySoundDb: number;
  /** What grows here: the soil a moisture probe sits in and a temperature probe may be dipped in. */
  plant: string;
  /** A water / leak probe sits on the floor here (under the sink, beside the water heater). */
  hasWaterProbe: boolean;
  /** Places sharing a door or wall: heat, smoke and noise from here reach them. */
  neighbours: readonly string[];
}

export const DEFAULT_PLACES: readonly Place[] = [
  {
    id: 'living-room',
    name: 'living room',
    indoor: true,
    daylightFactor: 0.012,
    lampLux: 250,
    outdoorCoupling: 0.25,
    thermalOffsetC: 0.5,
    humidityOffsetPct: 0,
    daySoundDb: 40,
    plant: 'a potted monstera',
    hasWaterProbe: false,
    neighbours: ['kitchen', 'bedroom', 'garden'],
  },
  {
    id: 'kitchen',
    name: 'kitchen',
    indoor: true,
    daylightFactor: 0.008,
    lampLux: 400,
    outdoorCoupling: 0.25,
    thermalOffsetC: 1,
    humidityOffsetPct: 5,
    daySoundDb: 45,
    plant: 'a pot of herbs on the windowsill',
    hasWaterProbe: true,
    neighbours: ['living-room', 'garage'],
  },
  {
    id: 'bedroom',
    name: 'bedroom',
    indoor: true,
    daylightFactor: 0.006,
    lampLux: 150,
    outdoorCoupling: 0.25,
    thermalOffsetC: -0.5,
    humidityOffsetPct: 3,
    daySoundDb: 33,
    plant: 'a potted peace lily',
    hasWaterProbe: false,
    neighbours: ['living-room'],
  },
  {
    id: 'garden',
    name: 'garden',
    indoor: false,
    daylightFactor: 1,
    lampLux: 0,
    outdoorCoupling: 1,
    thermalOffsetC: 0,
    humidityOffsetPct: 0,
    daySoundDb: 45,
    plant: 'a vegetable bed',
    hasWaterProbe: false,
    neighbours: ['living-room'],
  },
  {
    id: 'garage',
    name: 'garage',
    indoor: true,
    daylightFactor: 0.002,
    lampLux: 0,
    outdoorCoupling: 0.6,
    thermalOffsetC: -2,
    humidityOffsetPct: 5,
    daySoundDb: 35,
    plant: 'a tray of seedlings',
    hasWaterProbe: true,
    neighbours: ['kitchen', 'workshop'],
  },
  {
    id: 'workshop',
    name: 'workshop',
    indoor: true,
    daylightFactor: 0.01,
    lampLux: 500,
    outdoorCoupling: 0.4,
    thermalOffsetC: 0,
    humidityOffsetPct: 0,
    daySoundDb: 42,
    plant: 'a potted cactus',
    hasWaterProbe: false,
    neighbours: ['garage'],
  },
];

/** A default place by id or name, any spelling ("Living Room", "living_room" -> living-room). */
export function findPlace(name: string, places: readonly Place[] = DEFAULT_PLACES): Place | undefined {
  const key = nameKey(name);
  return places.find((p) => nameKey(p.id) === key || nameKey(p.name) === key);
}

/**
 * An ordinary room for a place no list knows (a fleet may name its own rooms): indoor, a window,
 * a lamp, no neighbours.
 */
export function genericPlace(id: string): Place {
  return {
    id,
    name: id,
    indoor: true,
    daylightFactor: 0.008,
    lampLux: 250,
    outdoorCoupling: 0.3,
    thermalOffsetC: 0,
    humidityOffsetPct: 0,
    daySoundDb: 38,
    plant: 'a potted plant',
    hasWaterProbe: false,
    neighbours: [],
  };
}
