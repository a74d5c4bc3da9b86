import { MAX_LINE_BYTES } from '../../../core/wire/messages.js';
import type { Fault } from './fault.js';
import { pickBoards } from './fault.js';

/**
 * A board's firmware goes wrong for a moment: between its real replies it sends a line of broken JSON, a
 * JSON line that is not an object, a line that is not UTF-8, and a line longer than the protocol's limit.
 * The datapool must drop each with a warning and keep serving that board and every other.
 */

/** The garbage, each piece one newline-terminated line. */
export function garbageLines(): Buffer {
  return Buffer.concat([
    Buffer.from('{"id": "soak-garbage", "temperature": 21.5,\n', 'utf8'),
    Buffer.from('[1, 2, 3]\n', 'utf8'),
    Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0xc3, 0x28, 0x7d, 0x0a]),
    Buffer.from(`{"junk": "${'x'.repeat(MAX_LINE_BYTES + 4096)}"}\n`, 'utf8'),
  ]);
}

export const malformedOutput: Fault = {
  kind: 'malformed-output',
  plan(context) {
    const [board] = pickBoards(context, 1);
    const bytes = garbageLines();
    return {
      target: board?.id ?? '(none)',
      detail: `broken JSON, a non-object line, invalid UTF-8 and a ${Math.round(bytes.length / 1024)} KiB line, between real replies`,
      needs: board === undefined ? 'any' : [board.id],
      measureFrom: 'start',
      async apply() {
        if (board === undefined || !board.injectRaw(bytes)) {
          throw new Error(`${board?.id ?? 'no board'} was offline: nothing was sent`);
        }
      },
    };
  },
};
