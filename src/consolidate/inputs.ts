// Which files a consolidation reads: files as named, folders searched (not recursively) for *.xlsx,
// skipping Excel's ~$ lock files, hidden files (._ copies a Mac leaves on USB sticks) and the
// output file itself. A name that does not exist is kept: the batch reports it as unreadable.
import { promises as fs } from 'fs';
import * as path from 'path';

export interface ExpandOptions {
  /** The summary being written: never read as an input. */
  output?: string;
}

export async function expandInputs(inputs: string[], options: ExpandOptions = {}): Promise<string[]> {
  const output = options.output ? path.resolve(options.output) : null;
  const seen = new Set<string>();
  const files: string[] = [];
  const add = (file: string) => {
    const resolved = path.resolve(file);
    if (resolved === output || seen.has(resolved)) return;
    seen.add(resolved);
    files.push(file);
  };
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat?.isDirectory()) {
      add(input);
      continue;
    }
    const entries = await fs.readdir(input, { withFileTypes: true });
    entries
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.xlsx$/i.test(e.name) && !e.name.startsWith('~$') && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, 'ja', { numeric: true }))
      .forEach((name) => add(path.join(input, name)));
  }
  return files;
}
