// What a reader noticed while reading a sheet, at its cell, in Japanese and English — the same words
// for export, evaluate, consolidate, audit and the task pane. Readers never drop what they cannot
// place silently: a caller that collects issues (the audit, the task pane) gets them all and the read
// goes on; a caller that does not (export, evaluate, consolidate) gets the first one that would lose
// or misread data as a WorkbookReadError (plan-reader.ts), naming the sheet and the cell.
import { circled } from '../layout/grid';
import { excelValue } from '../rules/round';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import { address, isPercentFormat, type Grid, type Plain } from './grid';

export type ReadIssueKind =
  | 'kpi-missing' // a KPI the metadata lists has no block on its sheet (deleted or moved)
  | 'year-missing' // a plan year has no column (columns deleted, header retyped)
  | 'year-duplicated' // two columns carry the same year label (a header retyped R5 → R6)
  | 'input-formula' // a formula typed into an input cell (target, actual, baseline)
  | 'error-value' // an error value (#DIV/0!, #REF! …) in an input cell
  | 'percent-format' // a number under a percent format in a ％ KPI: read as the percent it shows (info)
  | 'carried-as-note'; // text typed outside the layout's cells, carried into notes (info)

export interface ReadIssue {
  kind: ReadIssueKind;
  sheet: string;
  /** A1 address on `sheet` (the place where the missing thing should be, for kpi-missing / year-missing). */
  cell: string | null;
  ja: string;
  en: string;
  /** info: read as shown and carried, nothing lost; error: something would be lost or misread. */
  severity: 'info' | 'error';
  item?: string;
  kpi?: number;
  year?: string;
  /** What the cell shows (or holds) and what it was read as. */
  found?: Plain;
  read?: Plain;
}

/** Where issues go: a collector array, or nowhere (then errors are thrown by the caller of `report`). */
export type IssueSink = (issue: ReadIssue) => void;

/** A cell of an item sheet, and the item it belongs to. */
export interface Place {
  g: Grid;
  row: number;
  col: number;
  itemId: string;
}

/** Excel's error values, as exceljs and Office.js give them. */
const ERROR_VALUES = new Set(['#DIV/0!', '#N/A', '#NAME?', '#NULL!', '#NUM!', '#REF!', '#VALUE!', '#SPILL!', '#CALC!']);

export function isErrorValue(v: Plain): boolean {
  return typeof v === 'string' && ERROR_VALUES.has(v.trim());
}

export type InputRole = 'target' | 'actual' | 'baseline';
const ROLE: Record<InputRole, [string, string]> = {
  target: ['目標', 'target'],
  actual: ['実績', 'actual'],
  baseline: ['基準値', 'baseline'],
};

export interface InputCell extends Place {
  role: InputRole;
  kpi: number;
  /** The fiscal year (absent for the baseline). */
  year?: string;
}

function where(c: InputCell): { ja: string; en: string } {
  const [ja, en] = ROLE[c.role];
  const y = c.year ? ` ${formatFiscalYearLabel(c.year)}` : '';
  return { ja: `${circled(c.kpi)}${y} の${ja}`, en: `KPI ${circled(c.kpi)}${c.year ? ` ${c.year}` : ''} ${en}` };
}

function at(c: Place, severity: ReadIssue['severity']): Pick<ReadIssue, 'sheet' | 'cell' | 'severity' | 'item'> {
  return { sheet: c.g.name, cell: address(c.row, c.col), severity, item: c.itemId };
}

function ofInput(c: InputCell): Pick<ReadIssue, 'kpi' | 'year'> {
  return { kpi: c.kpi, ...(c.year ? { year: c.year } : {}) };
}

const shownJa = (v: Plain) => (v === null ? '空欄' : `「${v}」`);
const shownEn = (v: Plain) => (v === null ? 'blank' : `"${v}"`);

/**
 * The formula or error value in an input cell, or null. `allowFormula`: the cell is one hyoka writes
 * a formula into (a live 前年度以上 target).
 */
export function inputCellIssue(c: InputCell, allowFormula = false): ReadIssue | null {
  const f = c.g.formula(c.row, c.col);
  const v = c.g.value(c.row, c.col);
  const w = where(c);
  if (isErrorValue(v)) {
    return {
      ...at(c, 'error'),
      ...ofInput(c),
      kind: 'error-value',
      found: v,
      read: null,
      ja: `${w.ja}のセルがエラー値 ${v} です${f ? `（数式 =${f}）` : ''}。値を入力し直してください（空欄として読みます）`,
      en: `${w.en} cell holds the error value ${v}${f ? ` (formula =${f})` : ''}; type the value again (read as blank)`,
    };
  }
  if (!f || allowFormula) return null;
  return {
    ...at(c, 'error'),
    ...ofInput(c),
    kind: 'input-formula',
    found: v,
    read: v,
    ja: `${w.ja}のセルに数式 =${f} が入っています（表示 ${shownJa(v)}）。入力欄には数式ではなく値を入力してください`,
    en: `${w.en} cell holds the formula =${f} (it shows ${shownEn(v)}); input cells take values, not formulas`,
  };
}

const PERCENT_UNITS = new Set(['％', '%', 'パーセント']);

/**
 * A number under a percent number format in a ％ KPI, as Excel stores 「12.3%」 typed into the cell
 * (0.123): the percent it shows (12.3), decimal-safe. Null when the cell is not such a number.
 */
export function percentShown(g: Grid, row: number, col: number, unit: string): number | null {
  const v = g.value(row, col);
  if (typeof v !== 'number' || !PERCENT_UNITS.has(unit.trim()) || !isPercentFormat(g.numFmt?.(row, col))) return null;
  return excelValue(v * 100);
}

export function percentIssue(c: InputCell, stored: number, shown: number): ReadIssue {
  const w = where(c);
  return {
    ...at(c, 'info'),
    ...ofInput(c),
    kind: 'percent-format',
    found: stored,
    read: shown,
    ja:
      `${w.ja} ${shown}%（Excel がパーセント表示で ${stored} として保存）は ${shown} として読みます。` +
      `シートの計算式は ${stored} で計算するので、「%」を付けずに ${shown} と入力してください`,
    en:
      `${w.en} ${shown}% (stored by Excel as ${stored} under a percent format) is read as ${shown}; ` +
      `the sheet's formulas compute with ${stored}, so type ${shown} without "%"`,
  };
}

export function kpiMissingIssue(p: Place, no: number): ReadIssue {
  return {
    ...at(p, 'error'),
    kind: 'kpi-missing',
    kpi: no,
    ja:
      `取組目標 ${circled(no)} の行（目標・達成率・実績）が指標表にありません。` +
      '行が削除・移動されたか、内容が消されています（ワークブックのメタデータには残っています）',
    en:
      `the rows of KPI ${circled(no)} (目標, 達成率, 実績) are not in the KPI table: deleted, moved or cleared ` +
      "(the workbook's metadata still lists the KPI)",
  };
}

export function yearIssue(p: Place, year: string, duplicated: boolean): ReadIssue {
  const label = formatFiscalYearLabel(year);
  const base = { ...at(p, 'error'), year };
  if (duplicated) {
    return {
      ...base,
      kind: 'year-duplicated',
      ja: `見出し「${label}」の列が2つあります。どちらが ${label} か決められません（見出しが書き換えられていませんか）`,
      en: `two columns are headed "${label}": which one is ${year} cannot be told (was a header retyped?)`,
    };
  }
  return {
    ...base,
    kind: 'year-missing',
    ja: `${label} の列が見出しの行にありません（列が削除されたか、見出しが書き換えられています）。${label} の目標と実績を読めません`,
    en:
      `the ${label} column is missing from the header row (columns deleted or the header retyped): ` +
      `the ${year} targets and actuals cannot be read`,
  };
}

export function noteIssue(p: Place, text: string, into: { ja: string; en: string }): ReadIssue {
  return {
    ...at(p, 'info'),
    kind: 'carried-as-note',
    found: text,
    ja: `表の外に入力された「${text}」を${into.ja}の備考（notes）に写しました`,
    en: `"${text}", typed outside the sheet's cells, was carried into the notes of ${into.en}`,
  };
}
