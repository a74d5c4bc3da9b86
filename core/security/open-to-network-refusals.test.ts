import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenToNetworkError, requireBrokerCredentials, requireDeviceToken, requireHttpToken } from './off-loopback.js';
import { redactUrl } from './redact-url.js';

test('an HTTP listener off loopback needs a token; the refusal names the flag and the variable', () => {
  assert.throws(
    () => requireHttpToken('the datapool HTTP API', { host: '0.0.0.0', port: 8000 }, undefined),
    (error: Error) =>
      error instanceof OpenToNetworkError &&
      /the datapool HTTP API on 0\.0\.0\.0:8000/.test(error.message) &&
      /--token/.test(error.message) &&
      /IOTMCP_TOKEN/.test(error.message),
  );
  assert.throws(() => requireHttpToken('x', { host: '::', port: 1 }, undefined), /on \[::\]:1/);
  assert.doesNotThrow(() => requireHttpToken('x', { host: '0.0.0.0', port: 1 }, 'tok'));
  assert.doesNotThrow(() => requireHttpToken('x', { host: '127.0.0.1', port: 1 }, undefined));
});

test('the device listener off loopback needs a device token, or an explicit, warned-about anonymous mode', () => {
  assert.throws(
    () => requireDeviceToken({ host: '192.168.1.10', port: 9000 }, undefined, false),
    (error: Error) => /--device-token/.test(error.message) && /IOTMCP_DEVICE_TOKEN/.test(error.message) && /--allow-anonymous-devices/.test(error.message),
  );
  assert.match(requireDeviceToken({ host: '0.0.0.0', port: 9000 }, undefined, true) ?? '', /without a device token \(--allow-anonymous-devices\)/);
  assert.equal(requireDeviceToken({ host: '0.0.0.0', port: 9000 }, 'tok', false), null);
  assert.equal(requireDeviceToken({ host: 'localhost', port: 9000 }, undefined, false), null);
});

test('an MQTT client goes anonymously only to a broker on this machine, unless told otherwise', () => {
  assert.throws(
    () => requireBrokerCredentials('mqtt://broker.lab:1883', undefined, false),
    (error: Error) =>
      /mqtt:\/\/broker\.lab:1883/.test(error.message) &&
      /--mqtt-username/.test(error.message) &&
      /IOTMCP_MQTT_PASSWORD/.test(error.message) &&
      /--allow-anonymous-mqtt/.test(error.message),
  );
  assert.doesNotThrow(() => requireBrokerCredentials('mqtt://broker.lab:1883', 'lab', false));
  assert.doesNotThrow(() => requireBrokerCredentials('mqtt://broker.lab:1883', undefined, true));
  assert.doesNotThrow(() => requireBrokerCredentials('mqtt://127.0.0.1:1883', undefined, false));
  assert.doesNotThrow(() => requireBrokerCredentials('mqtt://lab:pw@broker.lab:1883', undefined, false), 'credentials in the URL count');
});

test('a password inside a URL never reaches a message', () => {
  assert.equal(redactUrl('mqtt://alice:pw@broker.lab:1883'), 'mqtt://broker.lab:1883');
  assert.equal(redactUrl('mqtt://127.0.0.1:1883'), 'mqtt://127.0.0.1:1883');
  assert.throws(
    () => requireBrokerCredentials('mqtt://:hunter2@10.0.0.9', undefined, false),
    (error: Error) => !error.message.includes('hunter2'),
  );
});
