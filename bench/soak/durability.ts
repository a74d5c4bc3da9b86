import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Durability } from './soak-types.js';

/**
 * The durability check after a soak: the datapool answers a command only once its samples are in its store
 * file, so every answered call's command id, with as many samples as the host received, must be in that
 * file, whatever crashes happened in between. The file is streamed, never read whole.
 */

const MISSING_IDS_KEPT = 10;

/**
 * `acknowledged`: command id -> samples the host received. `withoutId`: answered calls that named no
 * command at all (they cannot be shown durable, so they count as missing).
 */
export async function checkDurability(storePath: string, acknowledged: ReadonlyMap<string, number>, withoutId = 0): Promise<Durability> {
  const stored = new Map<string, number>();
  for (const id of acknowledged.keys()) stored.set(id, 0);
  let storeRecords = 0;
  let unreadableLines = 0;
  let storeBytes = 0;
  try {
    storeBytes = (await stat(storePath)).size;
    const lines = createInterface({ input: createReadStream(storePath, { encoding: 'utf8' }), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        unreadableLines++;
        continue;
      }
      storeRecords++;
      const { kind, id } = (record ?? {}) as { kind?: unknown; id?: unknown };
      if (kind !== 'sample' || typeof id !== 'string') continue;
      const seen = stored.get(id);
      if (seen !== undefined) stored.set(id, seen + 1);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const missingIds: string[] = [];
  let missing = withoutId;
  for (const [id, count] of acknowledged) {
    if ((stored.get(id) ?? 0) >= count) continue;
    missing++;
    if (missingIds.length < MISSING_IDS_KEPT) missingIds.push(id);
  }
  return { checked: acknowledged.size + withoutId, acknowledgedMissing: missing, missingIds, storeBytes, storeRecords, unreadableLines };
}
