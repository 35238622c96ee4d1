// The layout: a host-independent description of a workbook — which cell holds what, with which
// formula, style, merge, validation and print setup. The exceljs writer and the Office.js adapter
// both render exactly this; neither decides anything about the sheet on its own.
import type { StyleName } from './styles';
import type { StandIn } from './text';

export type CellValue = string | number | boolean | null;

export interface CellSpec {
  row: number; // 1-based
  col: number; // 1-based
  value?: CellValue;
  /** Excel formula without the leading '='. */
  formula?: string;
  /** The engine's value for the formula, written as its cached result. */
  result?: CellValue;
  /** A formula whose value is an error (the trend sheet's NA() gaps): written as a cached error, over `result`. */
  errorResult?: '#N/A';
  style: StyleName;
  /** A number format overriding the style's (e.g. a target shown as 「75%以上」). */
  numFmt?: string;
  /** A round-year input (記入欄): the one place a layout says which cells a clerk fills (protection.ts). */
  input?: CellInput;
  /** Set by lockByYear (protection.ts): overrides the style's lock bit; `shade` paints it 「入力欄」. */
  protection?: { locked: boolean; shade?: boolean };
}

/** What a round-year input holds: the parts of the plan frozenPart (round/stamp.ts) leaves open. */
export type InputField =
  | 'actual' // KPI 実績
  | 'quarterActual' // DX 四半期実績
  | 'reference' // 参考指標 実績
  | 'evaluation' // 要因分析 / 次年度への課題 / 課題を踏まえての対応
  | 'scheduleResult' // 工程 結果
  | 'remarks' // 備考
  | 'targetChange'; // 目標変更 (new value and reason)

export interface CellInput {
  year: string;
  field: InputField;
}

export interface MergeSpec {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface ValidationSpec {
  /** A1 range, e.g. "G14" or "G14:J14". */
  ref: string;
  type: 'decimal' | 'list';
  /** For list: the allowed words. */
  list?: string[];
  promptTitle: string;
  prompt: string;
  errorTitle: string;
  error: string;
}

export interface ConditionalFormatSpec {
  ref: string;
  /** Formula relative to the top-left cell of ref, without '='. */
  formula: string;
  /** Fill and font only: a conditional format with a number format corrupts exceljs files (#1814). */
  look: 'achieved' | 'missed' | 'missing' | 'scheduled' | 'done';
  priority: number;
}

export interface ColumnSpec {
  width: number;
  hidden?: boolean;
}

export interface PrintSpec {
  paper: 'A3' | 'A4';
  landscape: boolean;
  fitToWidth: number;
  fitToHeight: number; // 0 = as many pages as needed
  printTitleRows?: [number, number];
  /** Literal texts ('&' is no code here): the writers escape them and add the page numbers after the footer. */
  header: string;
  footer: string;
  /** Last printed column (hidden helper columns lie beyond it). */
  printArea?: string;
}

/** Where the data of one item sheet sits: what the reader, the tests and the task pane look up. */
export interface ItemAnchors {
  itemId: string;
  headerRow: number; // row with 【基準年】 and the year labels
  yearCols: Record<string, number>; // first column of each year's block
  baselineCol: number;
  helperCols: Record<string, number>; // hidden: raw percent (rate row) and achieved flag (actual row)
  kpis: { no: number; targetRow: number; rateRow: number; actualRow: number }[];
  /** Per year, the hidden achieved-flag cells that count toward 達成件数 (deleted years have none). */
  flags: Record<string, { row: number; col: number }[]>;
  references: { index: number; row: number }[];
  schedule: { index: number; planRow: number; resultRow: number }[];
  quarterCols: Record<string, [number, number, number, number]>;
  countRow: number;
  evaluationRows: { factors: number; nextYearIssues: number; response: number };
  narrativeRow: number;
}

export interface SheetLayout {
  name: string;
  kind: 'item' | 'overview' | 'meta';
  hidden?: boolean;
  cells: CellSpec[];
  merges: MergeSpec[];
  columns: ColumnSpec[];
  rowHeights: Record<number, number>;
  validations: ValidationSpec[];
  conditionalFormats: ConditionalFormatSpec[];
  print?: PrintSpec;
  protect: boolean;
  freeze?: { row: number; col: number };
  anchors?: ItemAnchors;
  tabColor?: string;
  /** An empty row near the top for the 「入力欄」 legend of a locked sheet (else it goes under the last row). */
  legendRow?: number;
  /** Texts of the item whose cells show a stand-in the generic rule (text.ts cellText) does not make. */
  standIns?: StandIn[];
}

/** A row of cells a chart series reads: `sheet` row `row`, columns fromCol..toCol (1-based). */
export interface ChartRange {
  sheet: string;
  row: number;
  fromCol: number;
  toCol: number;
}

/** One native chart (xlsx/charts.ts): bars and lines over the years, each series pointing at cells. */
export interface ChartSpec {
  /** The sheet the chart sits on, and the cells its corners are anchored to (1-based, `to` exclusive). */
  on: string;
  from: { row: number; col: number };
  to: { row: number; col: number };
  title: string;
  /** The value axis' number format (the KPI's own, e.g. '#,##0.0'); General when absent. */
  numFmt?: string;
  /** The years: the cells, and their texts as cached. */
  categories: { range: ChartRange; values: string[] };
  /** Each series' cached values are what its cells show (null: a gap). */
  series: { name: string; kind: 'bar' | 'line'; range: ChartRange; values: (number | null)[]; color: string; dashed?: boolean; marker?: 'circle' | 'square' | 'triangle' | 'none' }[];
}

export interface WorkbookLayout {
  title: string;
  sheets: SheetLayout[];
  /** Locked by year (protection.ts): only that year's inputs open; the writers protect every sheet. */
  lock?: { year: string; password?: string };
  /** Native charts written after the sheets (none unless asked for: generate --charts, publish). */
  charts?: ChartSpec[];
}
