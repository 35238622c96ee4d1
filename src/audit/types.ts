// The auditor's recalculation: what one audit returns. This is also the `hyoka audit --json` contract
// (see AuditReport and the "## Audit" section of README.md): fields are added, never renamed.
import type { Source } from '../model/plan';
import type { KpiYearStatus } from '../rules/evaluate';
import type { ProgressStatus } from '../rules/progress';
import type { UnreadableReason } from '../xlsx/safe-load';

export type Plain = string | number | boolean | null;

/** What a finding is about. */
export type FindingKind =
  // Computed cells
  | 'formula-overwritten' // a formula replaced by a typed number or text
  | 'formula-changed' // a formula edited (points elsewhere, different function …)
  | 'value-mismatch' // the shown (cached) value disagrees with the recalculation: a rate, a hidden helper, a 達成件数
  | 'miss-shown-as-100' // a rate reads 100% although the target was missed
  // Inputs (Excel does not enforce data validation on paste)
  | 'text-in-number-cell' // text where a number belongs (「1,266件」, 「abc」, 「達成」 for a numeric KPI)
  | 'unit-mismatch' // a typed number whose unit differs from the KPI's (「1,266件」 where the unit is 回)
  | 'invalid-actual' // a qualitative KPI's actual that is not 達成 / 未達成
  | 'actual-without-target' // an actual in a year whose target cell is blank
  | 'target-below-baseline' // higher-is-better KPI, target changed in the workbook to below the baseline
  | 'target-above-baseline' // lower-is-better KPI, target changed in the workbook to above the baseline
  | 'relative-target-unresolved' // 前年度以上 cannot resolve (previous actual not a number) while the year has an actual
  | 'input-formula' // a formula typed into an input cell (target, actual, baseline): =S12 makes any actual 100%
  | 'error-value' // an error value (#DIV/0!, #REF! …) in an input cell
  | 'percent-format' // 「12.3%」 typed into a ％ KPI: Excel stores 0.123 and the sheet computes with it
  | 'target-changed' // a target differs from the plan's (the workbook's metadata) since the workbook was made
  | 'changed-since-sent' // a round workbook whose locked part (targets, past years, definitions) no longer has its stamp's fingerprint
  // Structure
  | 'kpi-missing' // a KPI the workbook's metadata lists has no rows on its sheet
  | 'structure-changed' // a helper column, the 達成件数 row … cannot be found, so some cells were not checked
  // The file itself
  | 'unreadable';

export interface Finding {
  kind: FindingKind;
  file: string;
  sheet: string | null;
  /** A1 address on `sheet` (null for whole-file problems). */
  cell: string | null;
  /** What the cell should show (or hold, for formula-changed: the formula with '='). */
  expected: Plain;
  /** What the cell shows (or holds). */
  found: Plain;
  /** Why, in Japanese. */
  ja: string;
  /** Why, in English. */
  en: string;
  /** The item id, KPI number and fiscal year concerned, when there are. */
  item?: string;
  kpi?: number;
  year?: string;
  /** The formula the cell should hold ('=…', in the workbook's own cell references), for formula findings. */
  formula?: string;
  /** For unreadable files: why (not-a-zip, encrypted, bomb …; 'not-an-evaluation-workbook' when hyoka's reader refuses it). */
  reason?: UnreadableReason | 'not-an-evaluation-workbook' | 'unsupported-layout' | 'internal';
}

export interface KpiYearAudit {
  /** The engine's status for the year (evaluated, noActual, noTarget, pendingTarget, excluded, invalid). */
  status: KpiYearStatus;
  /** The resolved target and the actual as typed. */
  target: number | string | null;
  actual: number | string | null;
  /** Recomputed: unrounded percent, the text the sheet should show, achieved. */
  rate: number | null;
  display: string | null;
  achieved: boolean | null;
  /** The rate cell (what Excel displays under the target), or null when the year has none (deleted indicator). */
  cell: string | null;
  /** The cells the target and the actual were read from (recalculation.ts withInputCells). */
  targetCell?: string | null;
  actualCell?: string | null;
  /** In a plan of record's workbook (hyoka merge): the department file and cell the actual came from. */
  source?: Source;
  /** What that cell shows: its cached result. */
  found: Plain;
  problems: Finding[];
}

export interface KpiAudit {
  no: number;
  name: string;
  years: Record<string, KpiYearAudit>;
  /**
   * Layouts that measure an indicator against its final target (the Yamagata 取組状況): the recalculated
   * progress, one per indicator — its years then have no rate cell of their own.
   */
  progress?: ProgressAudit;
}

export interface ProgressAudit {
  status: ProgressStatus;
  /** The final (or period) target as a number, the latest year with an actual, and that actual. */
  target: number | null;
  latestYear: string | null;
  actual: number | null;
  /** 進捗率 (unrounded percent) and the text the sheet should show; 基準からの進捗, 経過 and ペース比 as shown. */
  rate: number | null;
  display: string | null;
  fromBaseDisplay: string | null;
  elapsedDisplay: string | null;
  paceDisplay: string | null;
  /** The 進捗率 cell and what it shows. */
  cell: string | null;
  found: Plain;
  /** Findings on the indicator's row: its progress cells and hidden helpers, its target. */
  problems: Finding[];
}

export interface CountAudit {
  /** Recomputed 達成件数 x / y (display null when nothing is evaluated: the cell is blank). */
  achieved: number;
  evaluated: number;
  display: string | null;
  cell: string | null;
  found: Plain;
  problems: Finding[];
}

export interface ItemAudit {
  id: string;
  sheet: string;
  kpis: KpiAudit[];
  counts: Record<string, CountAudit>;
  /** Problems of the sheet as a whole (kpi-missing, structure-changed). */
  problems: Finding[];
}

export interface FileAudit {
  file: string;
  /** clean: nothing found; findings: at least one finding; unreadable: the file could not be audited. */
  status: 'clean' | 'findings' | 'unreadable';
  items: ItemAudit[];
  /** Every finding of the file, in sheet order (the same objects the items list under their cells). */
  problems: Finding[];
  /** Where the workbook came from: SHA-256 of its bytes (when the audit read a file), the round stamp it carries. */
  source?: { sha256?: string; round?: { roundId: string; recipient: string; fingerprint: string } };
}

export interface AuditReport {
  version: 1;
  summary: { files: number; findings: number; unreadable: number };
  files: FileAudit[];
}

/** 0 clean, 1 any finding, 2 any unreadable input. */
export function exitCodeOf(files: FileAudit[]): 0 | 1 | 2 {
  if (files.some((f) => f.status === 'unreadable')) return 2;
  return files.some((f) => f.problems.length > 0) ? 1 : 0;
}

export function summaryOf(files: FileAudit[]): AuditReport['summary'] {
  return {
    files: files.length,
    findings: files.reduce((n, f) => n + (f.status === 'unreadable' ? 0 : f.problems.length), 0),
    unreadable: files.filter((f) => f.status === 'unreadable').length,
  };
}
