import type { Command } from 'commander';
import type { StoreSettings } from '../../datapool/datapool.js';
import { parsePositive } from '../options.js';

const MIB = 1024 * 1024;

export interface StoreFlags {
  retainCommands?: number;
  retainMb?: number;
  retainHours?: number;
  segmentMb?: number;
  fsync?: boolean;
}

/** The flags that bound the datapool's store: how much finished history it keeps, and its segment size. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--retain-commands <n>', 'finished commands kept answerable and in the store (default 100000)', parsePositive)
    .option('--retain-mb <n>', 'MB of finished commands kept (default 256)', parsePositive)
    .option('--retain-hours <n>', 'hours a finished command is kept (default 24)', parsePositive)
    .option('--segment-mb <n>', 'MB after which a store segment is sealed and compacted (default 64)', parsePositive)
    .option('--fsync', 'sync every write to disk (survives power loss, not only a crash)');
}

export function storeOptionsOf(flags: StoreFlags): StoreSettings {
  return {
    ...(flags.retainCommands !== undefined && { retainFinished: Math.floor(flags.retainCommands) }),
    ...(flags.retainMb !== undefined && { retainFinishedBytes: Math.floor(flags.retainMb * MIB) }),
    ...(flags.retainHours !== undefined && { retentionMs: flags.retainHours * 3_600_000 }),
    ...(flags.segmentMb !== undefined && { segmentBytes: Math.max(4096, Math.floor(flags.segmentMb * MIB)) }),
    ...(flags.fsync === true && { fsync: true }),
  };
}
