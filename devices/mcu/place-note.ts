import { nameKey } from '../../core/names.js';
import { type DeviceNote, noteFor } from '../../core/world/device-notes.js';
import type { World } from '../../core/world/types.js';

/**
 * The device note a board in `place` reports, from the notes its command's world carries: a note names its
 * place by id or by name in any spelling ("Living Room" is the living-room's), as the world itself does.
 */
export function placeNote(world: World, notes: readonly DeviceNote[], place: string): string | undefined {
  return noteFor(notes, place, (a, b) => placeKey(world, a) === placeKey(world, b));
}

/** One key per place of the world, whichever of its spellings; a place it lacks keeps its own name's key. */
function placeKey(world: World, name: string): string {
  const key = nameKey(name);
  // Looking only at the world's own places: world.place() would take a name it does not know in as a new room.
  const known = world.places.find((id) => nameKey(id) === key || nameKey(world.place(id).name) === key);
  return known === undefined ? key : nameKey(known);
}
