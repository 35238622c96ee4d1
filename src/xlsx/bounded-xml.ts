// The checks safe-load.ts runs on a workbook's XML before exceljs sees it: what exceljs would expand
// (merged ranges cell by cell, <col min max> column by column) and what it would hold (cells, shared
// strings, styles) is bounded; what real spreadsheets write and exceljs never needs is made harmless.
// Works on latin1 text (one character per byte): every pattern is ASCII, multi-byte UTF-8 passes
// through untouched. One pass over each worksheet; the text is only rebuilt when something is edited.
import { columnNumber } from '../layout/a1';
import type { LoadLimits } from './safe-load';

/** A refusal: the reason and its words; safe-load.ts turns it into an UnreadableWorkbookError. */
export interface Refusal {
  reason: 'dimension' | 'too-complex';
  ja: string;
  en: string;
}
export class RefusedXml extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.en);
  }
}

/** A worksheet named in both languages. */
type Where = { ja: string; en: string };

/** Counted over the whole workbook. */
export interface Tally {
  cells: number;
  merged: number;
}

const fmt = (n: number) => n.toLocaleString('en-US');
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** Rows and columns a reference reaches ("XFD1048576" → 1048576, 16384); `first` the top-left corner. */
function reach(ref: string): { row: number; col: number; firstRow: number; firstCol: number } {
  const out = { row: 0, col: 0, firstRow: MAX_ROW, firstCol: MAX_COL };
  for (const part of ref.split(':')) {
    const m = /^\$?([A-Za-z]{1,4})?\$?(\d+)?$/.exec(part.trim());
    if (!m) continue;
    const col = m[1] ? columnNumber(m[1]) : null;
    const row = m[2] ? parseInt(m[2], 10) : null;
    out.col = Math.max(out.col, col ?? MAX_COL); // 1:1 is a whole row
    out.row = Math.max(out.row, row ?? MAX_ROW); // A:A is a whole column
    out.firstCol = Math.min(out.firstCol, col ?? 1);
    out.firstRow = Math.min(out.firstRow, row ?? 1);
  }
  return out;
}

/** Cells a range covers (a single cell: 1). */
function areaOf(ref: string): number {
  const r = reach(ref);
  return ref.includes(':') ? Math.max(1, r.row - r.firstRow + 1) * Math.max(1, r.col - r.firstCol + 1) : 1;
}

const TAG_RE = /<(?:\w+:)?(c|row|col|mergeCell|dimension)\b([^>]*)>/g;
/** The attributes read, compiled once: this runs for every row of every sheet. */
const ATTR = { r: /\br="([^"]*)"/, min: /\bmin="([^"]*)"/, max: /\bmax="([^"]*)"/, ref: /\bref="([^"]*)"/ } as const;
const attr = (attrs: string, name: keyof typeof ATTR) => ATTR[name].exec(attrs)?.[1];

/**
 * Checks one worksheet; returns its text without <dataValidations>, without empty rows and a declared
 * <dimension> past the limits, with <col> and <row spans> clamped to the column limit.
 * `where` names the sheet in both languages.
 */
export function checkWorksheetText(s: string, where: Where, limits: LoadLimits, tally: Tally): string {
  const edits: [number, number, string][] = [];
  const maxRows = fmt(limits.maxRows);
  const maxCols = fmt(limits.maxColumns);
  const far = (row: number, col: number, ja: string, en: string) =>
    new RefusedXml({
      reason: 'dimension',
      ja: `${where.ja}の${ja}が大きすぎます（${fmt(row)} 行 × ${fmt(col)} 列; 上限 ${maxRows} 行 × ${maxCols} 列）`,
      en: `${where.en}: ${en} is absurdly large (${fmt(row)} rows × ${fmt(col)} columns; limit ${maxRows} × ${maxCols})`,
    });
  const many = (ja: string, en: string, n: number, limit: number) =>
    new RefusedXml({
      reason: 'too-complex',
      ja: `${where.ja}の${ja}が多すぎます（${fmt(n)}; 上限 ${fmt(limit)}）`,
      en: `${where.en}: too many ${en} (${fmt(n)}; limit ${fmt(limit)})`,
    });
  let merges = 0;
  let mergedHere = 0;
  for (const m of s.matchAll(TAG_RE)) {
    const [tag, name, attrs] = m;
    const at = m.index;
    if (name === 'c') {
      if (++tally.cells > limits.maxCells) throw tooManyCells(where, tally, limits);
      const letters = /\br="([A-Za-z]{3,})/.exec(attrs)?.[1]; // up to ZZ = 702 columns: nothing to check
      const col = letters ? columnNumber(letters) : 0;
      if (col > limits.maxColumns) throw far(0, col, `列（${letters} 列）`, `a column (${letters})`);
    } else if (name === 'row') {
      const row = parseInt(attr(attrs, 'r') ?? '0', 10);
      if (row > limits.maxRows) {
        // An empty row far away holds nothing (LibreOffice writes <row r="1048576"></row> after a deleted row).
        const close = /^<\/(?:\w+:)?row>/.exec(s.slice(at + tag.length, at + tag.length + 12));
        if (!tag.endsWith('/>') && !close) throw far(row, 0, `行番号（${fmt(row)} 行目）`, `a row number (${row})`);
        edits.push([at, at + tag.length + (close ? close[0].length : 0), '']);
        continue;
      }
      const spans = /\sspans="(\d+):(\d+)"/.exec(attrs);
      if (spans && Number(spans[2]) > limits.maxColumns) edits.push([at, at + tag.length, tag.replace(spans[0], '')]);
    } else if (name === 'col') {
      const min = parseInt(attr(attrs, 'min') ?? '0', 10);
      const max = parseInt(attr(attrs, 'max') ?? '0', 10);
      // Formats for columns past the limit: nothing can be in them (a cell there is refused).
      if (min > limits.maxColumns) edits.push([at, at + tag.length, '']);
      else if (max > limits.maxColumns) {
        edits.push([at, at + tag.length, tag.replace(/\bmax="\d+"/, `max="${limits.maxColumns}"`)]);
      }
    } else if (name === 'mergeCell') {
      const ref = attr(attrs, 'ref') ?? '';
      const r = reach(ref);
      if (r.row > limits.maxRows || r.col > limits.maxColumns) throw far(r.row, r.col, `結合範囲（${ref}）`, `a merged range (${ref})`);
      const area = areaOf(ref);
      mergedHere += area;
      tally.merged += area;
      tally.cells += area;
      if (++merges > limits.maxMergesPerSheet) throw many('結合範囲の数', 'merged ranges', merges, limits.maxMergesPerSheet);
      if (mergedHere > limits.maxMergedCellsPerSheet) {
        throw many('結合されたセル', 'merged cells', mergedHere, limits.maxMergedCellsPerSheet);
      }
      if (tally.merged > limits.maxMergedCells) {
        throw many('（ブック全体の）結合されたセル', 'merged cells in the workbook', tally.merged, limits.maxMergedCells);
      }
      if (tally.cells > limits.maxCells) throw tooManyCells(where, tally, limits);
    } else if (name === 'dimension') {
      const r = reach(attr(attrs, 'ref') ?? '');
      // A claim, not content: dropped.
      if (r.row > limits.maxRows || r.col > limits.maxColumns) edits.push([at, at + tag.length, '']);
    }
  }
  let out = s;
  if (edits.length) {
    const parts: string[] = [];
    let from = 0;
    for (const [start, end, text] of edits) {
      parts.push(s.slice(from, start), text);
      from = end;
    }
    parts.push(s.slice(from));
    out = parts.join('');
  }
  if (!out.includes('dataValidations')) return out;
  return out.replace(/<((?:\w+:)?dataValidations)\b[^>]*\/>|<((?:\w+:)?dataValidations)\b[\s\S]*?<\/\2>/g, '');
}

function tooManyCells(where: Where, tally: Tally, limits: LoadLimits): RefusedXml {
  const [n, limit] = [fmt(tally.cells), fmt(limits.maxCells)];
  return new RefusedXml({
    reason: 'too-complex',
    ja: `セルが多すぎます（${where.ja}まででセル・結合セル ${n} 個; 上限 ${limit}）`,
    en: `too many cells (${n} cells and merged cells up to ${where.en}; limit ${limit})`,
  });
}

function tooMany(ja: string, en: string, n: number, limit: number): RefusedXml {
  return new RefusedXml({
    reason: 'too-complex',
    ja: `${ja}が多すぎます（${fmt(n)}; 上限 ${fmt(limit)}）`,
    en: `too many ${en} (${fmt(n)}; limit ${fmt(limit)})`,
  });
}

/** Counts occurrences of an element (`<si>` or `<si …>`, prefixed or not) from `from` to `to`. */
function countTags(s: string, name: string, from = 0, to = s.length): number {
  const re = new RegExp(`<(?:\\w+:)?${name}[\\s>/]`, 'g');
  re.lastIndex = from;
  let n = 0;
  while (re.exec(s) && re.lastIndex <= to) n++;
  return n;
}

/** Shared strings (xl/sharedStrings.xml) and cell formats (<cellXfs> of xl/styles.xml) are bounded. */
export function checkCounts(entry: 'strings' | 'styles', s: string, limits: LoadLimits): void {
  if (entry === 'strings') {
    const n = countTags(s, 'si');
    if (n > limits.maxSharedStrings) throw tooMany('共有文字列', 'shared strings', n, limits.maxSharedStrings);
    return;
  }
  const open = /<(?:\w+:)?cellXfs\b/.exec(s);
  if (!open) return;
  const close = s.indexOf('cellXfs>', open.index + 8);
  const n = countTags(s, 'xf', open.index, close < 0 ? s.length : close);
  if (n > limits.maxStyles) throw tooMany('セルの書式', 'cell formats', n, limits.maxStyles);
}
