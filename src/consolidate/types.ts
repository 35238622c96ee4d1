// The reform office's consolidation as data: what `hyoka consolidate --json` prints and what the
// summary workbook shows. Shape documented in README.md, "## Consolidation": fields are added,
// never renamed.
import type { Direction, Evaluation } from '../model/plan';
import type { CountStatus, KpiYearStatus } from '../rules/evaluate';
import type { RollupRow } from '../rules/rollup';

export interface Message {
  ja: string;
  en: string;
}

/** read: every item taken; duplicates: read, but some items were already taken from an earlier file;
 *  unreadable: nothing taken (problem says why); skipped: a summary workbook made by this command, or a
 *  workbook of another plan (problem says which). */
export type FileStatus = 'read' | 'duplicates' | 'unreadable' | 'skipped';

export interface DuplicateItem {
  id: string;
  title: string;
  /** The earlier file whose copy of the item was kept. */
  keptFrom: string;
  /** True when this file's copy holds exactly the same data as the kept one. */
  identical: boolean;
}

export interface FileReport {
  file: string;
  status: FileStatus;
  planId: string | null;
  /** Ids of the items taken from this file. */
  items: string[];
  /** Items of this file not taken because an earlier file had the same id. */
  duplicates: DuplicateItem[];
  /** Why the file was not read (unreadable, skipped); null otherwise. */
  problem: (Message & { sheet: string | null; cell: string | null }) | null;
  /** Remarks on a read file (e.g. an item the engine could not evaluate). */
  notes: Message[];
  /** Inputs the engine cannot evaluate (「1,266件」 in a ％ KPI), each at the cell it was typed in. */
  inputProblems: InputProblem[];
}

/** An input the clerk must correct: where it is and why, in Japanese and English. */
export interface InputProblem extends Message {
  itemId: string;
  kpiNo: number;
  year: string;
  sheet: string | null;
  cell: string | null;
}

/** The problem with its place in front ('sheet'!G14, or the item and year when the cell is not known). */
export function inputProblemText(p: InputProblem): Message {
  const at = p.sheet ? `'${p.sheet}'!${p.cell}` : `${p.itemId} ${p.year}`;
  return { ja: `${at}: ${p.ja}`, en: `${at}: ${p.en}` };
}

export interface KpiYearRow {
  target: number | string | null;
  actual: number | string | null;
  /** Unrounded percent, null where none. */
  rate: number | null;
  /** The text the department's sheet shows ("67%", "99.8%", "－", "達成"), null when blank. */
  display: string | null;
  achieved: boolean | null;
  status: KpiYearStatus;
  /** The rate cell on the source sheet (e.g. "H15"), when known. */
  cell: string | null;
}

export interface KpiRow {
  no: number;
  name: string;
  unit: string;
  kgi: number | null;
  direction: Direction;
  years: Record<string, KpiYearRow>;
}

export interface CountRow {
  achieved: number;
  evaluated: number;
  missing: number;
  status: CountStatus;
  /** "x / y", null when nothing is evaluated. */
  display: string | null;
}

export interface ItemRow {
  id: string;
  no: number;
  title: string;
  /** 取組所属 */
  dept: string;
  relatedDepts: string;
  goal: { no: number; name: string };
  reform: { no: number; name: string };
  file: string;
  sheet: string;
  counts: Record<string, CountRow>;
  kpis: KpiRow[];
  evaluations: Record<string, Evaluation>;
}

/** One KPI-year with achieved === false. */
export interface MissRow {
  year: string;
  itemId: string;
  itemNo: number;
  title: string;
  dept: string;
  goal: { no: number; name: string };
  kpiNo: number;
  kpiName: string;
  unit: string;
  target: number | string | null;
  actual: number | string | null;
  rate: number | null;
  display: string | null;
  /** 要因分析 and 次年度への課題 of the item for that year ('' when none). */
  factors: string;
  nextYearIssues: string;
  file: string;
  sheet: string;
  cell: string | null;
}

export interface Totals {
  /** Input files (after expanding folders). */
  files: number;
  /** Files read (status read or duplicates). */
  read: number;
  unreadable: number;
  skipped: number;
  items: number;
  kpis: number;
  /** Items not taken because an earlier file had them. */
  duplicates: number;
  misses: number;
  /** Inputs the engine cannot evaluate (FileReport.inputProblems): shown as 入力不備, not as not yet entered. */
  inputProblems: number;
}

export interface Consolidation {
  version: 1;
  /** The plan of the first file read; years are the union over all files read. Null when none was read. */
  plan: { id: string; title: string; years: string[] } | null;
  totals: Totals;
  files: FileReport[];
  items: ItemRow[];
  rollups: RollupRow[];
  misses: MissRow[];
}
