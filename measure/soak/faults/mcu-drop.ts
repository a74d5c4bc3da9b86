import type { Fault } from './fault.js';
import { pickBoards } from './fault.js';

/** One or two boards lose their connection at once, as in a WiFi outage; they redial with backoff by themselves. */
export const mcuDrop: Fault = {
  kind: 'mcu-drop',
  plan(context) {
    const boards = pickBoards(context, context.random.next() < 0.5 ? 1 : 2);
    const ids = boards.map((mcu) => mcu.id);
    return {
      target: ids.join(' '),
      detail: `dropped the connection of ${ids.length === 1 ? 'one board' : `${ids.length} boards`}`,
      needs: ids,
      measureFrom: 'start',
      async apply() {
        for (const mcu of boards) mcu.disconnect();
      },
    };
  },
};
