// Write to a temporary file beside the target, then rename: an interrupted run (Ctrl-C, a crash)
// never leaves a half-written workbook or plan behind.
// The temporary file has a random name and is created exclusively (O_EXCL: never through a link or over
// a file planted in a shared folder). Until the rename it is in a set that SIGINT and SIGTERM clear
// before the process exits (130 / 143), so Ctrl-C leaves no ".tmp" either.
import { constants, promises as fs, unlinkSync } from 'fs';
import { randomBytes } from 'crypto';
import * as path from 'path';
import { CliError } from './errors';

/** Temporary files not yet renamed; removed on SIGINT/SIGTERM. */
const pending = new Set<string>();

const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
  pending.clear();
  process.exit(SIGNALS[signal]);
}

function track(tmp: string): void {
  if (pending.size === 0) for (const s of Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>) process.on(s, onSignal);
  pending.add(tmp);
}

function untrack(tmp: string): void {
  pending.delete(tmp);
  if (pending.size === 0) for (const s of Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>) process.off(s, onSignal);
}

export interface AtomicOptions {
  /** The temporary file's name (tests plant a link there); default: random. A taken name is never reused. */
  tempName?: (target: string) => string;
}

const randomName = (target: string) => `.${path.basename(target)}.${randomBytes(8).toString('hex')}.tmp`;

/** Creates `file` exclusively: fails with EEXIST when anything — a file, a link, a dangling link — is there. */
export function openExclusive(file: string): Promise<fs.FileHandle> {
  return fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
}

interface Temp {
  tmp: string;
  handle: fs.FileHandle;
}

const noFolder = (dir: string, file: string) =>
  new CliError(`出力先のフォルダーがありません: ${dir}`, `the output folder does not exist: ${dir}`, file);

async function createTemp(dir: string, file: string, options: AtomicOptions): Promise<Temp> {
  for (let attempt = 0; ; attempt++) {
    const tmp = path.join(dir, (attempt === 0 && options.tempName ? options.tempName : randomName)(file));
    // Tracked before the file exists: a signal while open() is under way must still remove it. The name is
    // random, so nothing else can be there to be removed by mistake (a taken name fails with EEXIST below).
    track(tmp);
    try {
      const handle = await openExclusive(tmp);
      return { tmp, handle };
    } catch (e) {
      untrack(tmp);
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        throw noFolder(dir, file);
      }
      if (code !== 'EEXIST' || attempt >= 4) throw e;
    }
  }
}

/** Data as one string or Buffer, or as chunks (written as they come: a large output need not be in memory). */
export type AtomicData = string | Buffer | AsyncIterable<string | Buffer>;

export async function writeFileAtomic(file: string, data: AtomicData, options: AtomicOptions = {}): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const { tmp, handle } = await createTemp(dir, file, options);
  try {
    try {
      if (typeof data === 'string' || Buffer.isBuffer(data)) await handle.writeFile(data);
      else for await (const chunk of data) await handle.writeFile(chunk); // from the current position
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  } finally {
    untrack(tmp);
  }
}

/** Refuses, before any work, an output whose folder does not exist (naming the folder, not a temporary file). */
export async function assertOutputFolder(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) throw noFolder(dir, file);
}
