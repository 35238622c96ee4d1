// Write to a temporary file beside the target, then rename: an interrupted run (Ctrl-C, a crash)
// never leaves a half-written workbook or plan behind.
import { promises as fs } from 'fs';
import * as path from 'path';

export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
