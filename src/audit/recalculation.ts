// The auditor's recalculation sheet (issue 12, traceability): one row per KPI-year of every audited
// workbook — target, actual, rate, display, achieved as the engine recomputes them, the cells each came
// from, what the workbook shows, and the file itself (SHA-256 of its bytes, its round stamp if any), so a
// published figure can be followed back to the department file and cell it came from.
import type { Plan, Source } from '../model/plan';
import type { Locations } from '../read/plan-reader';
import { sameValue } from './check';
import { parseA1, sheetRef } from '../layout/a1';
import type { FileAudit, Plain } from './types';

export interface RecalculationRow {
  file: string;
  /** SHA-256 of the file's bytes, when the audit read a file. */
  fileSha256: string | null;
  /** 「R5-…／総務課／fingerprint」 for a workbook sent in a round, else null. */
  round: string | null;
  sheet: string;
  item: string;
  kpi: number;
  name: string;
  year: string;
  status: string;
  target: Plain;
  targetCell: string | null;
  actual: Plain;
  actualCell: string | null;
  rate: number | null;
  display: string | null;
  achieved: boolean | null;
  rateCell: string | null;
  /** What the workbook shows in the rate cell (its cached result). */
  found: Plain;
  /** The shown value equals the recalculation (null: the year has no rate cell of its own). */
  agrees: boolean | null;
  /** A plan of record's actual: the department file and cell it came from (file 'sheet'!cell). */
  source: string | null;
}

/**
 * The audit with each KPI-year's target and actual cells, from the reader's locations, and where a plan of
 * record says an actual came from (Kpi.sources), so the recalculation sheet traces it to the department file.
 */
export function withInputCells(audit: FileAudit, locations: Locations, plan?: Plan): FileAudit {
  for (const item of audit.items) {
    const planned = plan?.items.find((i) => i.id === item.id);
    for (const kpi of item.kpis) {
      const sources = planned?.kpis.find((k) => k.no === kpi.no)?.sources;
      for (const [year, y] of Object.entries(kpi.years)) {
        if (sources?.[year]) y.source = sources[year];
        const at = locations[item.id]?.[kpi.no]?.[year];
        if (!at) continue;
        y.targetCell = at.target || null;
        y.actualCell = at.actual || null;
      }
    }
  }
  return audit;
}

function roundText(audit: FileAudit): string | null {
  const r = audit.source?.round;
  return r ? `${r.roundId}／${r.recipient}／${r.fingerprint.slice(0, 12)}` : null;
}

/** Where a merged actual came from: 「返送/R5_09_人事課.xlsx '(18)…'!S14」. */
function sourceText(source: Source): string {
  const { row, col } = parseA1(source.cell);
  return `${source.file} ${sheetRef(source.sheet, row, col)}`;
}

/** Every KPI-year of the audited workbooks, in sheet and KPI order. */
export function recalculationRows(files: FileAudit[]): RecalculationRow[] {
  const rows: RecalculationRow[] = [];
  for (const audit of files) {
    for (const item of audit.items) {
      for (const kpi of item.kpis) {
        for (const [year, y] of Object.entries(kpi.years)) {
          rows.push({
            file: audit.file,
            fileSha256: audit.source?.sha256 ?? null,
            round: roundText(audit),
            sheet: item.sheet,
            item: item.id,
            kpi: kpi.no,
            name: kpi.name,
            year,
            status: y.status,
            target: y.target,
            targetCell: y.targetCell ?? null,
            actual: y.actual,
            actualCell: y.actualCell ?? null,
            rate: y.rate,
            display: y.display,
            achieved: y.achieved,
            rateCell: y.cell,
            found: y.found,
            source: y.source ? sourceText(y.source) : null,
            agrees: y.cell === null ? null : sameValue(y.display, y.found),
          });
        }
      }
    }
  }
  return rows;
}
