import { nameKey } from '../core/names.js';

/** Where the boards of a fleet are and what they carry: all tasks need to know of a fleet. */
export interface Board {
  id: string;
  place: string;
  /** Canonical sensor type names. */
  sensors: readonly string[];
  /** Canonical actuator type names; absent on a board that drives none. */
  actuators?: readonly string[];
}

export interface Layout {
  boards: readonly Board[];
}

/** What a fleet must say about its boards for tasks to be placed on it (a fleet file's MCUs say this and more). */
export interface FleetBoards {
  mcus: readonly {
    id: string;
    place: string;
    sensors: readonly { spec: { name: string } }[];
    actuators?: readonly { spec: { name: string } }[];
  }[];
}

export function layoutOf(fleet: FleetBoards): Layout {
  return {
    boards: fleet.mcus.map((mcu) => {
      const board: Board = { id: mcu.id, place: mcu.place, sensors: mcu.sensors.map((s) => s.spec.name) };
      if (mcu.actuators !== undefined && mcu.actuators.length > 0) board.actuators = mcu.actuators.map((a) => a.spec.name);
      return board;
    }),
  };
}

/** The boards carrying a sensor type, optionally only those in one place (any spelling: "Living Room"). */
export function boardsWith(layout: Layout, sensor: string, place?: string): Board[] {
  const wanted = place === undefined ? undefined : nameKey(place);
  return layout.boards.filter((b) => b.sensors.includes(sensor) && (wanted === undefined || nameKey(b.place) === wanted));
}

/** The boards driving an actuator type, optionally only those in one place. */
export function boardsDriving(layout: Layout, actuator: string, place?: string): Board[] {
  const wanted = place === undefined ? undefined : nameKey(place);
  return layout.boards.filter((b) => (b.actuators ?? []).includes(actuator) && (wanted === undefined || nameKey(b.place) === wanted));
}

/** The boards carrying a device type, sensor or actuator: what a call option names. */
export function boardsWithDevice(layout: Layout, device: string, place?: string): Board[] {
  const sensors = boardsWith(layout, device, place);
  return sensors.length > 0 ? sensors : boardsDriving(layout, device, place);
}
