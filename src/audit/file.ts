// Auditing a workbook file: opened with the bounded loader (xlsx/safe-load.ts), read into grids once,
// then audited (audit.ts). Never throws for a bad file: it comes back with status 'unreadable'.
import { createHash } from 'crypto';
import { WorkbookReadError } from '../read/plan-reader';
import { openWorkbookAndBytes, UnreadableWorkbookError, type LoadLimits } from '../xlsx/safe-load';
import { auditGrids, unreadableFile } from './audit';
import { snapshotGrid } from './grids';
import type { FileAudit } from './types';

export interface AuditOptions {
  limits?: Partial<LoadLimits>;
}

/** Audits one workbook file. */
export async function auditWorkbook(file: string, options: AuditOptions = {}): Promise<FileAudit> {
  try {
    const { workbook, bytes } = await openWorkbookAndBytes(file, options.limits);
    const audit = auditGrids(workbook.worksheets.map(snapshotGrid), file);
    if (audit.status === 'unreadable') return audit;
    // The bytes the bounded loader read and parsed, hashed: the file a figure came from.
    return { ...audit, source: { sha256: createHash('sha256').update(bytes).digest('hex'), ...audit.source } };
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) return unreadableFile(file, e.ja, e.en, e.reason, e.sheet, null);
    if (e instanceof WorkbookReadError) return unreadableFile(file, e.ja, e.en, 'not-an-evaluation-workbook', e.sheet, e.cell);
    const message = (e as Error)?.message?.split('\n')[0] ?? String(e);
    return unreadableFile(file, `監査中にエラーが起きました（${message}）`, `the audit failed (${message})`, 'internal');
  }
}
