import type { Place } from '../places.js';
import type { PlaceEnvironment } from '../types.js';

/** The weather and house settings the daily cycle runs on. */
export interface Climate {
  /** Daily mean outdoor temperature, C. */
  outdoorMeanC: number;
  /** Half the day-night difference outdoors, C (coldest near 03:00, warmest near 15:00). */
  outdoorSwingC: number;
  /** How much one day differs from the next (standard deviation of the daily mean), C. */
  dayToDayC: number;
  /** Temperature the house sits at away from the outdoor influence, C. */
  houseC: number;
  /** Relative humidity of the house at 22 C, %RH. */
  houseHumidityPct: number;
  /** UV index at noon under a clear sky. */
  uvPeak: number;
  /** Mean cloud cover, 0 clear to 1 overcast. */
  cloudiness: number;
}

/** What an overlay knows about the place and instant it modifies. */
export interface OverlayContext {
  seed: number;
  timeMs: number;
  /** Hour of day (0-24) the daily cycle used: the scenario's pinned hour or the clock's. */
  hour: number;
  place: Place;
  /** Ids of this world's places the effect centres on (the scenario's focus, or a stand-in). */
  focus: readonly string[];
  /** The seeded order in which a person walks through this world's places. */
  tour: readonly string[];
}

/**
 * A steady condition of the world. It holds at any world time, so a reading is a pure function of
 * (seed, scenario, place, time): the baseline daily cycle (with this scenario's climate) and then the
 * scenario's overlay.
 */
export interface Scenario {
  name: string;
  /** One line a task writer or reader understands. */
  description: string;
  /** Hour of day (UTC) a task pins when it does not say (see defaultWorldTime). */
  defaultHour: number;
  /** The daily cycle (sun, lamps, people's activity) stays at this hour: the scenario is a time of day. */
  pinnedHour?: number;
  /** Changes to the normal day's climate. */
  climate?: Partial<Climate>;
  /** Default place ids where the effect centres; empty when it shows everywhere alike. */
  focus: readonly string[];
  /** Modifies the baseline environment of one place in place (no new objects). */
  overlay?(env: PlaceEnvironment, ctx: OverlayContext): void;
}

export const NORMAL_CLIMATE: Climate = {
  outdoorMeanC: 21,
  outdoorSwingC: 6,
  dayToDayC: 1.5,
  houseC: 22.5,
  houseHumidityPct: 48,
  uvPeak: 9,
  cloudiness: 0.25,
};
