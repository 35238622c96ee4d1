// Reading an opened file without trusting its size: at most `max` bytes plus one (reading that extra byte
// is how a file that grew past the limit, or a device that never ends, is caught), from one handle so
// the file cannot be swapped between the check and the read. Shared by plan files and workbooks.
import type { FileHandle } from 'fs/promises';

/** The bytes of `handle`, up to `Math.min(expected, max) + 1`; the caller checks the length it gets. */
export async function readBounded(handle: FileHandle, expected: number, max: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(Math.min(expected, max) + 1);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length === buffer.length) break;
  }
  return buffer.subarray(0, length);
}
