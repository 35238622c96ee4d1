// Auditing a workbook file: opened with the bounded loader (xlsx/safe-load.ts), read into grids once,
// then audited (audit.ts). Never throws for a bad file: it comes back with status 'unreadable'.
import { createHash } from 'crypto';
import { readMetadata, WorkbookReadError } from '../read/plan-reader';
import { stampOf } from '../round/stamp';
import { openWorkbookAndBytes, UnreadableWorkbookError, type LoadLimits } from '../xlsx/safe-load';
import { auditGrids, unreadableFile } from './audit';
import { snapshotGrid } from './grids';
import type { FileAudit } from './types';

export interface AuditOptions {
  limits?: Partial<LoadLimits>;
}

/** The file's bytes hashed (the bytes the bounded loader read) and the round stamp it carries. */
function sourceOf(file: string, grids: ReturnType<typeof snapshotGrid>[], bytes: Uint8Array): NonNullable<FileAudit['source']> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const read = stampOf(readMetadata(grids, file));
  if (!read || !('stamp' in read)) return { sha256 };
  const { roundId, recipient, fingerprint } = read.stamp;
  return { sha256, round: { roundId, recipient: recipient.name, fingerprint } };
}

/** Audits one workbook file. */
export async function auditWorkbook(file: string, options: AuditOptions = {}): Promise<FileAudit> {
  try {
    const { workbook, bytes } = await openWorkbookAndBytes(file, options.limits);
    const grids = workbook.worksheets.map(snapshotGrid);
    const audit = auditGrids(grids, file);
    return audit.status === 'unreadable' ? audit : { ...audit, source: sourceOf(file, grids, bytes) };
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) return unreadableFile(file, e.ja, e.en, e.reason, e.sheet, null);
    if (e instanceof WorkbookReadError) return unreadableFile(file, e.ja, e.en, 'not-an-evaluation-workbook', e.sheet, e.cell);
    const message = (e as Error)?.message?.split('\n')[0] ?? String(e);
    return unreadableFile(file, `監査中にエラーが起きました（${message}）`, `the audit failed (${message})`, 'internal');
  }
}
