#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { PACKAGE_VERSION } from '../core/package.js';
import { registerAudit } from './commands/audit.js';
import { registerDatapool } from './commands/datapool.js';
import { registerDevices } from './commands/devices.js';
import { registerFleet } from './commands/fleet.js';
import { registerMcp } from './commands/mcp.js';
import { registerPerf } from './commands/perf.js';
import { registerRead } from './commands/read.js';
import { registerResults } from './commands/results.js';
import { registerRun } from './commands/run.js';
import { registerSoak } from './commands/soak.js';
import { registerTasks } from './commands/tasks.js';
import { registerUp } from './commands/up.js';

// A `.env` in the working directory supplies environment variables (API keys, IOTMCP_*) the shell has not set:
// what users of other benchmark CLIs expect. Variables already set win.
if (existsSync('.env')) {
  try {
    process.loadEnvFile('.env');
  } catch (error) {
    process.stderr.write(`iotmcp-bench: .env: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

// `iotmcp-bench tasks stats | head`: a reader that goes away is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Commands import their heavy modules (datapool, fleet, world) when they run, so a quick `read` starts fast.
const program = new Command()
  .name('iotmcp-bench')
  .description('Benchmark LLMs using IoT devices through MCP tools (IoT-MCP Bench, reproduced and extended).')
  .version(PACKAGE_VERSION)
  .showHelpAfterError();

registerUp(program);
registerDatapool(program);
registerDevices(program);
registerFleet(program);
registerRead(program);
registerMcp(program);
registerTasks(program);
registerRun(program);
registerResults(program);
registerPerf(program);
registerSoak(program);
registerAudit(program);

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`iotmcp-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  // A refusal says which code it is (2: bad input, a provider that failed its check); anything else is 1.
  const code = (error as { exitCode?: unknown } | null)?.exitCode;
  process.exitCode = typeof code === 'number' ? code : 1;
});
