import type { Fault } from './fault.js';

/** SIGKILL of the datapool process (nothing flushed, nobody told), then a restart on the same ports and store. */
export const datapoolKill: Fault = {
  kind: 'datapool-kill',
  plan(context) {
    const { datapool } = context.system;
    return {
      target: 'datapool',
      detail: `SIGKILL of the datapool (pid ${datapool.pid ?? '?'}), restarted on the same ports and store`,
      needs: 'any',
      measureFrom: 'start',
      apply: () => datapool.killAndRestart(),
    };
  },
};
