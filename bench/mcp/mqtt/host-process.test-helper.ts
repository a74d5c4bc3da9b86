import { echoServerFactory } from './echo-server.test-helper.js';
import { MqttServerHost } from './server-host.js';

/**
 * A server host in a process of its own, so a test can SIGKILL it: `node host-process.test-helper.js
 * <brokerUrl> <serverName> <serverId>`. Prints "ready" once its presence is published.
 */
const [brokerUrl, serverName, serverId] = process.argv.slice(2);
if (brokerUrl === undefined || serverName === undefined || serverId === undefined) {
  process.stderr.write('usage: host-process.test-helper.js <brokerUrl> <serverName> <serverId>\n');
  process.exit(2);
}
const host = new MqttServerHost({ brokerUrl, serverName, serverId, description: 'killable echo', factory: echoServerFactory() });
host.start().then(
  () => process.stdout.write('ready\n'),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
