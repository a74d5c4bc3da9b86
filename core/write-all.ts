import type { FileHandle } from 'node:fs/promises';

/** Writes the whole buffer at the handle's position: one write may take only part of it. */
export async function writeAll(handle: FileHandle, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    if (bytesWritten === 0) throw new Error('the file took no bytes');
    offset += bytesWritten;
  }
}
