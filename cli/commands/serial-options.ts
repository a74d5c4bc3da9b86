import { InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SERIAL_BAUD } from '../../datapool/serial/serial-line.js';
import { MAX_SERIAL_BAUD, type SerialOptions } from '../../datapool/serial/serial-lines.js';
import { MAX_AUTO_SERIAL_LINES } from '../../datapool/serial/serial-scan.js';

export interface SerialFlags {
  serial?: readonly string[] | 'auto';
  serialBaud: number;
}

/** `--serial`: comma-separated paths, or `auto`. */
export function parseSerialPaths(value: string): readonly string[] | 'auto' {
  if (value.trim() === 'auto') return 'auto';
  const paths = value
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
  if (paths.length === 0) throw new InvalidArgumentError(`expected serial line paths such as /dev/ttyUSB0,/dev/ttyACM0 or auto, got "${value}"`);
  if (paths.length > MAX_AUTO_SERIAL_LINES) throw new InvalidArgumentError(`at most ${MAX_AUTO_SERIAL_LINES} serial lines, got ${paths.length}`);
  if (new Set(paths).size !== paths.length) throw new InvalidArgumentError(`a serial line is named twice in "${value}"`);
  return paths;
}

/** `--serial-baud`: a whole number of bits per second. */
export function parseSerialBaud(value: string): number {
  const baud = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(baud) || baud < 1 || baud > MAX_SERIAL_BAUD) {
    throw new InvalidArgumentError(`expected a baud rate from 1 to ${MAX_SERIAL_BAUD}, got "${value}"`);
  }
  return baud;
}

/** The datapool's `--serial` and `--serial-baud`. */
export function datapoolSerialOptions(): Option[] {
  return [
    new Option(
      '--serial <paths|auto>',
      'also watch these serial lines for boards (comma-separated, e.g. /dev/ttyUSB0,/dev/ttyACM0), or auto: the USB serial lines found now and every few seconds; PING is answered PONG, a line silent 10 s ends the session, a pulled cable is reopened',
    ).argParser(parseSerialPaths),
    serialBaudOption(),
  ];
}

export function serialBaudOption(): Option {
  return new Option('--serial-baud <n>', 'baud rate of the serial lines (USB CDC boards ignore it)').argParser(parseSerialBaud).default(DEFAULT_SERIAL_BAUD);
}

/** The datapool's serial lines from the flags; undefined without --serial. */
export function serialOptionsOf(flags: SerialFlags): SerialOptions | undefined {
  return flags.serial === undefined ? undefined : { paths: flags.serial, baudRate: flags.serialBaud };
}

/** What the lines watched are, for the line people read. */
export function describeSerial(lines: { auto: boolean; paths: readonly string[] } | null): string {
  if (lines === null) return '';
  const named = lines.paths.length === 0 ? 'none found yet' : lines.paths.join(', ');
  return lines.auto ? `serial auto (${named}; rescanned every few seconds)` : `serial ${named}`;
}
