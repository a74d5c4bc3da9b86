import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SerialPort } from 'serialport';

/** Where boards' serial lines appear: USB-UART adapters (`ttyUSB*`) and USB CDC boards such as the ESP32-S3's native USB (`ttyACM*`). */
export const DEFAULT_SERIAL_GLOBS: readonly SerialGlob[] = [{ dir: '/dev', prefixes: ['ttyUSB', 'ttyACM'] }];
/** Most lines `--serial auto` watches at once. */
export const MAX_AUTO_SERIAL_LINES = 64;

/** Device files in `dir` whose names start with one of `prefixes`. */
export interface SerialGlob {
  dir: string;
  prefixes: readonly string[];
}

export interface SerialScanOptions {
  globs?: readonly SerialGlob[];
  /** The operating system's own list of ports; `SerialPort.list()` unless a test gives another. */
  list?: () => Promise<readonly { path: string }[]>;
}

/**
 * Finds the serial lines a board is likely on. `SerialPort.list()` needs `udevadm`, which containers lack:
 * when it fails once it is not asked again, and the device directories are read instead (always, too, so a
 * port the list misses is still found). Only names matching the globs count: the list also gives the
 * machine's own UARTs (`ttyS*`), where no board is.
 */
export class SerialScanner {
  private listWorks = true;
  private readonly globs: readonly SerialGlob[];
  private readonly list: () => Promise<readonly { path: string }[]>;

  constructor(options: SerialScanOptions = {}) {
    this.globs = options.globs ?? DEFAULT_SERIAL_GLOBS;
    this.list = options.list ?? (() => SerialPort.list());
  }

  /** The likely lines now, sorted, at most `MAX_AUTO_SERIAL_LINES`. */
  async scan(): Promise<string[]> {
    const found = new Set<string>();
    if (this.listWorks) {
      try {
        for (const port of await this.list()) if (this.matches(port.path)) found.add(port.path);
      } catch {
        this.listWorks = false;
      }
    }
    for (const glob of this.globs) {
      let names: string[];
      try {
        names = await readdir(glob.dir);
      } catch {
        continue;
      }
      for (const name of names) if (glob.prefixes.some((prefix) => name.startsWith(prefix))) found.add(join(glob.dir, name));
    }
    return [...found].sort().slice(0, MAX_AUTO_SERIAL_LINES);
  }

  private matches(path: string): boolean {
    const name = basename(path);
    return this.globs.some((glob) => glob.prefixes.some((prefix) => name.startsWith(prefix)));
  }
}
