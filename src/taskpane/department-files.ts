// 集計's file side, the task pane's only chunk with exceljs (webpackChunkName "xlsx-reader", loaded
// when files have been picked, never before): every picked department workbook is read in the
// browser, one at a time — its size checked before its bytes are read, the bytes through the bounded
// loader (src/xlsx/safe-load.ts, openWorkbookBytes), the workbook through the same reader as the
// command line's consolidate (src/consolidate/source.ts) — and consolidated by the same code
// (src/consolidate/consolidate.ts, with this reader injected). What comes back is data: the
// consolidation and its summary layout, which the engine chunk writes into the open workbook.
import { consolidate } from '../consolidate/consolidate';
import { readDepartmentBytes } from '../consolidate/source';
import { buildSummaryLayout, type SummaryLayout } from '../consolidate/summary-layout';
import type { Consolidation } from '../consolidate/types';
import { checkFileSize, UnreadableWorkbookError, type LoadLimits } from '../xlsx/safe-load';

/** What the pane needs of a picked File (a File is one; tests pass plain objects). */
export interface PickedFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ParsedFiles {
  consolidation: Consolidation;
  summary: SummaryLayout;
}

/** Called before each file is read (done = files finished so far) and once at the end. */
export type FileProgress = (done: number, total: number, file: string) => void;

/** Lets the page paint (progress) between files: parsing one is a long stretch of script. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Consolidates the picked files. A file that cannot be read is reported with its name and why, and
 * the others are read; the same item in two files is reported, the first kept. Names are made unique
 * (「a.xlsx (2)」) so every file keeps its own line in 読込結果.
 */
export async function consolidateFiles(files: PickedFile[], onProgress?: FileProgress, limits?: Partial<LoadLimits>): Promise<ParsedFiles> {
  const byName = new Map<string, PickedFile>();
  for (const f of files) {
    let name = f.name;
    for (let n = 2; byName.has(name); n++) name = `${f.name} (${n})`;
    byName.set(name, f);
  }
  const names = [...byName.keys()];
  let started = 0;
  const read = async (name: string) => {
    onProgress?.(started++, names.length, name);
    await breathe();
    const file = byName.get(name)!;
    checkFileSize(name, file.size, limits);
    let data: ArrayBuffer;
    try {
      data = await file.arrayBuffer();
    } catch (e) {
      const why = (e as Error)?.message ?? String(e);
      throw new UnreadableWorkbookError(name, 'not-a-file', 'ファイルを読めません', `cannot read the file (${why})`);
    }
    return readDepartmentBytes(name, data, limits);
  };
  const consolidation = await consolidate(names, { read });
  onProgress?.(names.length, names.length, '');
  return { consolidation, summary: buildSummaryLayout(consolidation) };
}
