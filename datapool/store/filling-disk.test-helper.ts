import { type FileHandle, open } from 'node:fs/promises';

/** Segment files on a disk that runs out of space when told: a write lands what fits, then fails with ENOSPC. */
export class FillingDisk {
  freeBytes = Infinity;

  readonly open = async (path: string): Promise<FileHandle> => {
    const handle = await open(path, 'a');
    const write = handle.write.bind(handle) as (buffer: Buffer, offset: number, length: number) => Promise<{ bytesWritten: number; buffer: Buffer }>;
    const disk = this;
    (handle as unknown as { write: typeof write }).write = async (buffer, offset, length) => {
      if (length <= disk.freeBytes) {
        disk.freeBytes -= length;
        return write(buffer, offset, length);
      }
      if (disk.freeBytes > 0) {
        const fits = disk.freeBytes;
        disk.freeBytes = 0;
        return write(buffer, offset, fits);
      }
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    return handle;
  };
}
