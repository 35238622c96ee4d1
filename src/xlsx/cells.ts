// Reading cell values the way a person sees them: a formula's cached result, rich text joined,
// shared formulas resolved (exceljs keeps those on cell.formula, not cell.value.formula).
import type ExcelJS from 'exceljs';

export type Plain = number | string | boolean | null;

export function plainValue(cell: ExcelJS.Cell): Plain {
  const v = cell.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      // exceljs drops a cached 0, '' or false from cell.value on read; cell.result keeps it.
      const r = (cell as unknown as { result?: unknown }).result ?? o.result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'object' && r && 'error' in (r as object)) return String((r as { error: string }).error);
      return r as Plain;
    }
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('text' in o) return String(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

/** The cell's formula, if any (shared formulas included), without '='. */
export function formulaOf(cell: ExcelJS.Cell): string | null {
  const f = (cell as unknown as { formula?: string }).formula;
  if (f) return f;
  const v = cell.value as { formula?: string } | null;
  return v && typeof v === 'object' && typeof v.formula === 'string' ? v.formula : null;
}

/** The cell's text exactly as stored (narratives keep their leading 全角 indentation). */
export function rawText(cell: ExcelJS.Cell): string {
  const v = plainValue(cell);
  return v === null ? '' : String(v);
}

/** The cell's text trimmed, for matching labels. */
export function text(cell: ExcelJS.Cell): string {
  const v = plainValue(cell);
  return v === null ? '' : String(v).trim();
}

/** Every non-empty cell of a row, as [column, text]. */
export function rowTexts(ws: ExcelJS.Worksheet, row: number): [number, string][] {
  const out: [number, string][] = [];
  ws.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => {
    if (cell.isMerged && cell.master.address !== cell.address) return; // a merged range speaks once, at its master
    const t = text(cell);
    if (t) out.push([col, t]);
  });
  return out;
}

/** First cell whose text satisfies the test, scanning rows top to bottom. */
export function findCell(ws: ExcelJS.Worksheet, test: (text: string) => boolean, fromRow = 1, toRow = ws.rowCount): { row: number; col: number } | null {
  for (let r = fromRow; r <= toRow; r++) {
    for (const [col, t] of rowTexts(ws, r)) if (test(t)) return { row: r, col };
  }
  return null;
}
