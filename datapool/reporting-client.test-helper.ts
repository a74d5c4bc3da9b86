import type { Datapool } from './datapool.js';
import type { DatapoolClient } from './types.js';

/** The in-process datapool, telling a test the id of every command submitted through it (by the MCP layer). */
export function reportingClient(datapool: Datapool, onSubmit: (id: string) => void): DatapoolClient {
  return {
    submit: async (request) => {
      const status = await datapool.submit(request);
      onSubmit(status.id);
      return status;
    },
    run: async (request, options) => {
      const status = await datapool.submit(request);
      onSubmit(status.id);
      return datapool.wait(status.id, options);
    },
    wait: (id, options) => datapool.wait(id, options),
    status: (id) => datapool.status(id),
    cancel: (id) => datapool.cancel(id),
    mcus: () => datapool.mcus(),
    health: () => datapool.health(),
    ping: (mcu, options) => datapool.ping(mcu, options),
  };
}
