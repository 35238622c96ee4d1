// What the reader noticed (read/issues.ts) as audit findings, in the reader's own words, so the audit,
// export, evaluate and the task pane say the same thing about the same cell. Issues that lose nothing
// (text carried into notes) are not findings; a missing KPI block is found by the audit itself
// (kpi-missing, with the cells it could not check).
import { parseA1 } from '../layout/a1';
import type { ReadIssue } from '../read/issues';
import { finding, type SheetContext } from './check';
import type { Finding, FindingKind, Plain } from './types';

const KIND: Partial<Record<ReadIssue['kind'], FindingKind>> = {
  'input-formula': 'input-formula',
  'error-value': 'error-value',
  'percent-format': 'percent-format',
  'year-missing': 'structure-changed',
  'year-duplicated': 'structure-changed',
};

function expectedOf(issue: ReadIssue): Plain {
  if (issue.kind === 'percent-format') return issue.read ?? null;
  if (issue.kind === 'input-formula' || issue.kind === 'error-value') return '値 / a value';
  return issue.year ?? null;
}

/** Whether an issue of the reader is one the audit reports (for this item, and — when given — this KPI-year). */
export function auditedIssue(issue: ReadIssue, itemId: string, at?: { kpi: number; year: string }): boolean {
  if (!KIND[issue.kind] || issue.item !== itemId) return false;
  if (!at) return !(issue.kpi !== undefined && issue.year !== undefined);
  return issue.kpi === at.kpi && issue.year === at.year;
}

/** Findings for the reader's issues, pushed to the sheet's findings (and returned). */
export function issueFindings(ctx: SheetContext, issues: ReadIssue[]): Finding[] {
  return issues.map((issue) => {
    const at = issue.cell ? parseA1(issue.cell) : null;
    const formula = at && issue.kind === 'input-formula' ? ctx.grid.formula(at.row, at.col) : null;
    const found: Plain = formula !== null ? `=${formula}` : (issue.found ?? null);
    const extra: Partial<Finding> = {
      ...(issue.kpi !== undefined ? { kpi: issue.kpi } : {}),
      ...(issue.year ? { year: issue.year } : {}),
    };
    const [row, col] = at ? [at.row, at.col] : [null, null];
    return finding(ctx, KIND[issue.kind]!, row, col, expectedOf(issue), found, issue.ja, issue.en, extra);
  });
}
