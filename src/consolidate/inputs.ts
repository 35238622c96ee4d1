// Which files a consolidation (or an audit) reads: files as named, folders searched (not recursively) for
// *.xlsx, skipping Excel's ~$ lock files and hidden files (._ copies a Mac leaves on USB sticks). A name
// that does not exist is kept, and so is every listed entry that is not a folder (a FIFO, a socket, a
// device named *.xlsx): the bounded loader refuses it with why, so nothing in the folder passes unreported.
//
// An output never replaces an input (checked before any work, by resolved path, by real path and by
// device + inode, so links and hard links count as the same file):
//   * an output that is an input named on the command line is refused;
//   * an output that lies in an input folder and already exists is refused, unless it is a report hyoka
//     made (a consolidation summary, source.ts isSummaryWorkbook, or an audit report) or an empty file: that
//     one is not an input, is skipped, and is replaced.
import { promises as fs } from 'fs';
import * as path from 'path';
import { AUDIT_REPORT_CREATOR } from '../audit/report';
import { openWorkbook } from '../xlsx/safe-load';
import { isSummaryWorkbook } from './source';

export interface ExpandOptions {
  /** The file being written: never read as an input, never one of them. */
  output?: string;
}

/** The output would overwrite an input: refused, in Japanese and English, naming both. */
export class OutputIsInputError extends Error {
  readonly ja: string;
  readonly en: string;
  constructor(
    readonly file: string,
    readonly input: string,
  ) {
    const same = path.resolve(file) === path.resolve(input) ? '' : `（${input} と同じファイル）`;
    const sameEn = same ? ` (the same file as ${input})` : '';
    const ja = `出力先が入力ファイルです${same}。入力を上書きしないよう、別の名前を指定してください`;
    const en = `the output is an input${sameEn}; give another name so the input is not overwritten`;
    super(`${file}: ${ja} / ${en}`);
    this.ja = ja;
    this.en = en;
  }
}

interface Identity {
  resolved: string;
  real: string;
  inode: string | null;
}

async function identity(file: string): Promise<Identity> {
  const resolved = path.resolve(file);
  const stat = await fs.stat(resolved).catch(() => null);
  // A file not written yet: the real path of its folder, and its name.
  const realDir = (await fs.realpath(path.dirname(resolved)).catch(() => null)) ?? path.dirname(resolved);
  const real = (await fs.realpath(resolved).catch(() => null)) ?? path.join(realDir, path.basename(resolved));
  return { resolved, real, inode: stat ? `${stat.dev}:${stat.ino}` : null };
}

const same = (a: Identity, b: Identity) =>
  a.resolved === b.resolved || a.real === b.real || (a.inode !== null && a.inode === b.inode);

/** True when the two names are one file: same path, same target of links, or same device and inode. */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  return same(await identity(a), await identity(b));
}

/** Refuses (OutputIsInputError) an output that is one of the inputs; call it before any work. */
export async function assertOutputNotInput(output: string | undefined, inputs: readonly string[]): Promise<void> {
  if (output === undefined) return;
  const out = await identity(output);
  for (const input of inputs) if (same(out, await identity(input))) throw new OutputIsInputError(output, input);
}

/**
 * A report hyoka wrote (a summary, also after LibreOffice rewrote its keyword, or an audit report), or an
 * empty file. Opened through the bounded loader like every other workbook.
 */
async function isReplaceable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (stat.isFile() && stat.size === 0) return true; // nothing to lose
    const wb = await openWorkbook(file);
    return isSummaryWorkbook(wb) || wb.creator === AUDIT_REPORT_CREATOR;
  } catch {
    return false;
  }
}

export async function expandInputs(inputs: string[], options: ExpandOptions = {}): Promise<string[]> {
  const candidates: Array<{ file: string; named: boolean }> = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat?.isDirectory()) {
      candidates.push({ file: input, named: true });
      continue;
    }
    const entries = await fs.readdir(input, { withFileTypes: true });
    entries
      .filter((e) => !e.isDirectory())
      .filter((e) => /\.xlsx$/i.test(e.name) && !e.name.startsWith('~$') && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, 'ja', { numeric: true }))
      .forEach((name) => candidates.push({ file: path.join(input, name), named: false }));
  }
  const out = options.output === undefined ? null : await identity(options.output);
  const seen = new Set<string>();
  const files: string[] = [];
  for (const { file, named } of candidates) {
    const id = await identity(file);
    if (seen.has(id.resolved)) continue;
    seen.add(id.resolved);
    if (out && same(out, id)) {
      // A previous summary or report in an input folder is not an input and is replaced; a named input never.
      if (!named && (await isReplaceable(file))) continue;
      throw new OutputIsInputError(options.output as string, file);
    }
    files.push(file);
  }
  return files;
}
