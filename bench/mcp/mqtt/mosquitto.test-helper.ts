// The tests' broker is the runtime one: see local-broker.ts.
export { MOSQUITTO_PATH, type RunningBroker, startMosquitto } from './local-broker.js';
