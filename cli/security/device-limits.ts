import type { Command } from 'commander';
import type { DeviceServerOptions } from '../../datapool/device-server.js';
import { parsePositive, parsePositiveInteger } from '../options.js';

export interface DeviceLimitFlags {
  maxDeviceConns?: number;
  forgetAfter?: number;
}

/** The flags that bound what boards can make the datapool hold: connections at once, and boards long gone. */
export function addDeviceLimitOptions(command: Command): Command {
  return command
    .option(
      '--max-device-conns <n>',
      'device connections held at once; more are closed as they arrive (default: the open-file limit, `ulimit -n`, less a quarter of it, 64 to 4096 kept free)',
      parsePositiveInteger,
    )
    .option(
      '--forget-after <hours>',
      'hours after which a board that has not reconnected is forgotten and commands waiting for it fail (default 6)',
      parsePositive,
    );
}

export function deviceLimitsOf(flags: DeviceLimitFlags): Pick<DeviceServerOptions, 'maxConnections' | 'forgetAfterMs'> {
  return {
    ...(flags.maxDeviceConns !== undefined && { maxConnections: flags.maxDeviceConns }),
    ...(flags.forgetAfter !== undefined && { forgetAfterMs: flags.forgetAfter * 3_600_000 }),
  };
}
