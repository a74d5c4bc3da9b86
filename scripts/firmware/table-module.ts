import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { type PythonValue, pythonLiteral } from './python-literal.js';

/**
 * The shape every generated firmware table shares: a Python module holding one constant, written by a script
 * that is also imported by the test keeping the committed file equal to a fresh generation.
 */

export interface TableModule {
  /** Where the table comes from (`core/sensors`) and the script that writes it, for the "do not edit" line. */
  readonly from: string;
  readonly script: string;
  /** Comment lines after that one, without the leading `# `. */
  readonly notes: readonly string[];
  /** The constant's name (`SENSORS`) and its rows. */
  readonly name: string;
  readonly rows: PythonValue;
}

/** The module's text: the header comment, then `NAME = <rows as a MicroPython literal>`. */
export function tableModuleSource(table: TableModule): string {
  return [
    `# Generated from ${table.from} by ${table.script}: regenerate it, do not edit it.`,
    ...table.notes.map((note) => `# ${note}`),
    `${table.name} = ${pythonLiteral(table.rows)}`,
    '',
  ].join('\n');
}

/**
 * When the script `moduleUrl` is the one Node runs (not imported), writes `source()` to `path` and says so;
 * a failure is printed and sets the exit code.
 */
export function writeTableWhenRun(moduleUrl: string, path: string, source: () => string): void {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const write = async (): Promise<void> => {
    await writeFile(path, source());
    console.log(`wrote ${path}`);
  };
  write().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
