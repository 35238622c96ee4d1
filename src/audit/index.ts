// The auditor's recalculation: auditGrids (host-independent), auditWorkbook (a file, bounded loader),
// the report formats, and the JSON types (the `hyoka audit --json` contract).
export { auditGrids } from './audit';
export { auditWorkbook, type AuditOptions } from './file';
export { auditJson, auditWorkbookReport, findingLine, renderFindings, summaryLine } from './report';
export * from './types';
