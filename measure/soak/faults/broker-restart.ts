import type { Fault } from './fault.js';

/** MQTT mode: the broker is SIGKILLed (no wills sent) and a fresh, empty one starts on the same port. */
export const brokerRestart: Fault = {
  kind: 'broker-restart',
  plan(context) {
    const { broker } = context.system;
    return {
      target: 'broker',
      detail: 'SIGKILL of the MQTT broker, a fresh one started on the same port',
      needs: 'any',
      measureFrom: 'start',
      async apply() {
        if (broker === null) throw new Error('no MQTT broker to restart: broker-restart needs --mcp mqtt');
        await broker.killAndRestart();
      },
    };
  },
};
