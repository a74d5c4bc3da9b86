/**
 * The part of MicroPython's WebAssembly port (the npm package ships no declarations) that the emulated boards use.
 */
declare module '@micropython/micropython-webassembly-pyscript' {
  export interface MicroPythonInstance {
    FS: { mkdirTree(path: string): void; writeFile(path: string, data: string): void };
    globals: { get(name: string): unknown };
    registerJsModule(name: string, module: object): void;
    /** Runs Python; throws a PythonError (`type` is the exception's class name) when it raises. */
    runPython(code: string): unknown;
  }

  export function loadMicroPython(options: {
    /** Initial heap, bytes; the port grows it on demand. */
    heapsize?: number;
    pystack?: number;
    stdout?: (line: string) => void;
    stderr?: (line: string) => void;
  }): Promise<MicroPythonInstance>;
}
