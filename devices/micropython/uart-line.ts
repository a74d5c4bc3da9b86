import type { MessagePort } from 'node:worker_threads';
import { SerialPort } from 'serialport';

/**
 * The serial line behind an emulated board's `machine.UART`: text in, text out. `serialport`'s native
 * binding polls on the process's main event loop, so a line opened inside a worker crashes Node; a board in a
 * worker therefore gets its line through a MessagePort (`portLine`), and the main thread holds the real
 * port (`openSerialLine`) and relays (`relayLine`).
 */
export interface UartLine {
  write(text: string): void;
  /** Sets the receiver of incoming text (decoded UTF-8) and of line failures. */
  listen(receive: (text: string) => void, failed: (message: string) => void): void;
  close(): Promise<void>;
}

/** A real serial line (a pty end, a USB adapter), opened now in this thread. */
export function openSerialLine(path: string, baudRate: number): UartLine {
  const port = new SerialPort({ path, baudRate });
  let receive: (text: string) => void = () => {};
  let failed: (message: string) => void = () => {};
  // Until the port has opened or failed to, a close must wait for it.
  let opening = true;
  const decoder = new TextDecoder('utf-8');
  port.once('open', () => (opening = false));
  port.on('data', (chunk: Buffer) => receive(decoder.decode(chunk, { stream: true })));
  port.on('error', (err) => {
    opening = false;
    failed(`serial ${path}: ${err.message}`);
  });
  return {
    write: (text) => {
      if (port.isOpen || opening) port.write(text);
    },
    listen(r, f) {
      receive = r;
      failed = f;
    },
    close: () =>
      new Promise((resolve) => {
        if (port.isOpen) port.close(() => resolve());
        else if (opening) {
          port.once('open', () => port.close(() => resolve()));
          port.once('error', () => resolve());
        } else resolve();
      }),
  };
}

/** Messages on the relay's port. */
type RelayMessage = { type: 'data'; text: string } | { type: 'error'; message: string };

/** The worker's end of a relayed line. */
export function portLine(port: MessagePort): UartLine {
  let receive: (text: string) => void = () => {};
  let failed: (message: string) => void = () => {};
  port.on('message', (message: RelayMessage) => {
    if (message.type === 'data') receive(message.text);
    else failed(message.message);
  });
  return {
    write: (text) => port.postMessage(text),
    listen(r, f) {
      receive = r;
      failed = f;
    },
    close: async () => port.close(),
  };
}

/** The main thread's end: passes text both ways between `line` and the worker's `port`; returns how to stop. */
export function relayLine(line: UartLine, port: MessagePort): () => Promise<void> {
  line.listen(
    (text) => port.postMessage({ type: 'data', text } satisfies RelayMessage),
    (message) => port.postMessage({ type: 'error', message } satisfies RelayMessage),
  );
  port.on('message', (text: string) => line.write(text));
  return async () => {
    port.close();
    await line.close();
  };
}
