import { Duplex } from 'node:stream';

/**
 * One board session's view of a serial line: what the line receives is pushed in, what the session writes goes
 * out on the port. Destroying it ends the session, not the line: the port stays open for the next session.
 */
export class SessionStream extends Duplex {
  constructor(private readonly writeOut: (chunk: Buffer, done: (error?: Error | null) => void) => void) {
    super({ allowHalfOpen: false });
  }

  override _read(): void {
    // Bytes are pushed as the line receives them; there is nothing to pull.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.writeOut(chunk, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    done();
  }
}
