// Collecting a round (回収): the returned workbooks read against the register (配布台帳). A file is matched
// by its stamp, never by its name (departments rename files): plan, round and year must be the register's,
// the recipient one of its departments, and the fingerprint that entry's. Everything else is refused with
// why. Of two accepted files of one department (差替) the newest wins unless the office chose (--choose);
// the other is kept as superseded, naming the winner. Entries with no accepted file are 未提出.
// The register, not the returned file's own metadata, is what was sent (register.ts).
import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { changesOf, formulaChanges } from './changes';
import { cellsOutsideLayout } from './extra-cells';
import { buildWorkbookLayout } from '../layout/workbook';
import { auditGrids } from '../audit/audit';
import { departmentWorkbook, describeReadError, type DepartmentWorkbook } from '../consolidate/source';
import { isSameFile } from '../consolidate/inputs';
import { readBounded } from '../io/read-bounded';
import { errnoMessage } from '../io/errno';
import { compareFiscalYears, formatFiscalYearLabel } from '../model/fiscal-year';
import { openWorkbookAndBytes } from '../xlsx/safe-load';
import { workbookMetadata, worksheetGrid } from '../xlsx/read';
import { Register, type RegisterEntry } from './register';
import { fingerprintOf, stampOf, type Department, type RoundStamp } from './stamp';
import type { ReturnedFile } from './returns';

type Message = { ja: string; en: string };

/**
 * Bad input to a collection, exit 2: a register that cannot be used (a damaged one names the field), or a
 * --choose that names no accepted return or two of one department.
 */
export class CollectInputError extends Error {
  constructor(
    readonly file: string,
    readonly ja: string,
    readonly en: string,
  ) {
    super(`${file}: ${ja} / ${en}`);
  }
}

/** A register holds the sent plans of every department: a few MB at most. */
export const REGISTER_MAX_BYTES = 64 * 1024 * 1024;

async function registerBytes(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r').catch((e: unknown) => {
    const errno = errnoMessage(e);
    const [ja, en] = [errno?.ja ?? '開けません', errno?.en ?? String(e)];
    throw new CollectInputError(file, `配布台帳を開けません: ${ja}`, `cannot open the register: ${en}`);
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new CollectInputError(file, '配布台帳がファイルではありません', 'the register is not a regular file');
    const bytes = await readBounded(handle, stat.size, REGISTER_MAX_BYTES);
    if (bytes.length > REGISTER_MAX_BYTES) throw new CollectInputError(file, '配布台帳が大きすぎます', 'the register is too large');
    return bytes;
  } finally {
    await handle.close();
  }
}

/** The register JSON, checked field by field (zod Register). */
export async function readRegister(file: string): Promise<Register> {
  const bytes = await registerBytes(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new CollectInputError(file, '配布台帳が UTF-8 ではありません', 'the register is not UTF-8');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new CollectInputError(file, '配布台帳が JSON として読めません', `the register is not valid JSON (${(e as Error).message})`);
  }
  const checked = Register.safeParse(data);
  if (checked.success) return checked.data;
  const fields = checked.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(全体)'}: ${i.message}`);
  const list = fields.join('; ');
  throw new CollectInputError(file, `配布台帳が壊れています（${list}）`, `the register is damaged (${list})`);
}

/** An entry of the register nobody returned a file for (未提出). */
export interface MissingEntry {
  department: Department;
  /** The file sent (配布したファイル). */
  file: string;
  items: RegisterEntry['items'];
}

export interface CollectTotals {
  /** Register entries: one per department. */
  departments: number;
  returned: number;
  missing: number;
  /** Items of the plan no accepted file holds. */
  missingItems: number;
  files: number;
  accepted: number;
  superseded: number;
  refused: number;
}

export interface Collection {
  register: Register;
  files: ReturnedFile[];
  missing: MissingEntry[];
  /** Ids of the items no accepted file holds, in register order. */
  missingItems: string[];
  totals: CollectTotals;
  /** Each accepted file as the consolidation reads it (item sheets and cells), by file. */
  workbooks: Map<string, DepartmentWorkbook>;
}

export interface CollectOptions {
  /** Files the office chose over the newest of their department (--choose). */
  choose?: string[];
  onProgress?: (done: number, total: number, file: string) => void;
}

const sameDepartment = (a: Department, b: Department) => (a.code && b.code ? a.code === b.code : a.name === b.name);

/** Why a stamp does not belong to this register's round, or the entry it names. */
function matchStamp(register: Register, stamp: RoundStamp): { entry: RegisterEntry } | { reason: Message } {
  if (stamp.planId !== register.planId) {
    return {
      reason: {
        ja: `別の計画で配布されたファイルです（計画 ${stamp.planId}。この台帳は ${register.planId}）`,
        en: `sent for another plan (${stamp.planId}; this register's is ${register.planId})`,
      },
    };
  }
  if (compareFiscalYears(stamp.year, register.year) !== 0) {
    const [was, is] = [formatFiscalYearLabel(stamp.year), formatFiscalYearLabel(register.year)];
    return {
      reason: {
        ja: `別の年度（${was}年度）の回収で配布されたファイルです（この台帳は ${is}年度）`,
        en: `sent in the round of another year (${stamp.year}; this register's is ${register.year})`,
      },
    };
  }
  if (stamp.roundId !== register.roundId) {
    return {
      reason: {
        ja: `別の回収（${stamp.roundId}）で配布されたファイルです（この台帳は ${register.roundId}）`,
        en: `sent in another round (${stamp.roundId}; this register's is ${register.roundId})`,
      },
    };
  }
  const ofDepartment = register.entries.filter((e) => sameDepartment(e.department, stamp.recipient));
  if (ofDepartment.length === 0) {
    const name = stamp.recipient.name;
    return { reason: { ja: `宛先「${name}」はこの台帳にありません`, en: `its recipient "${name}" is not in this register` } };
  }
  const entry = ofDepartment.find((e) => e.fingerprint === stamp.fingerprint);
  if (!entry) {
    return {
      reason: {
        ja: 'この回収で配布したファイルではありません（指紋が台帳と一致しません）',
        en: "not from this round: its fingerprint differs from the register's",
      },
    };
  }
  return { entry };
}

/** The workbook's save time (docProps modified; hyoka writes 1970 there, i.e. never saved), else the file's mtime. */
async function savedAtOf(wb: ExcelJS.Workbook, file: string): Promise<string> {
  const modified = wb.modified instanceof Date ? wb.modified.getTime() : NaN;
  if (Number.isFinite(modified) && modified > 0) return new Date(modified).toISOString();
  return (await fs.stat(file)).mtime.toISOString();
}

const withPlace = (m: ReturnType<typeof describeReadError>): Message => {
  const where = m.sheet ? `[${m.sheet}${m.cell ? `!${m.cell}` : ''}] ` : '';
  return { ja: `${where}${m.ja}`, en: `${where}${m.en}` };
};

const NO_STAMP: Message = {
  ja: '配布スタンプがありません（回収用に配布したワークブックではありません）',
  en: 'no round stamp: not a workbook sent in a round',
};

/** One returned file read against the register; the workbook for the consolidation when accepted. */
type ReadReturn = { returned: ReturnedFile; workbook?: DepartmentWorkbook };
async function readReturn(register: Register, file: string): Promise<ReadReturn> {
  const refused = (reason: Message, stamp?: RoundStamp): ReadReturn => ({
    returned: { file, status: 'refused', reason, ...(stamp ? { stamp } : {}) },
  });
  let opened: Awaited<ReturnType<typeof openWorkbookAndBytes>>;
  try {
    opened = await openWorkbookAndBytes(file);
  } catch (e) {
    return refused(withPlace(describeReadError(e)));
  }
  const { workbook: wb, bytes } = opened;
  let metadata: unknown;
  try {
    metadata = workbookMetadata(wb, file);
  } catch (e) {
    const why = withPlace(describeReadError(e));
    return refused({ ja: `${NO_STAMP.ja}: ${why.ja}`, en: `${NO_STAMP.en}: ${why.en}` });
  }
  const read = stampOf(metadata);
  if (read === null) return refused(NO_STAMP);
  if ('problem' in read) {
    return refused({ ja: `配布スタンプが壊れています: ${read.problem.ja}`, en: `the round stamp is damaged: ${read.problem.en}` });
  }
  const { stamp } = read;
  const match = matchStamp(register, stamp);
  if ('reason' in match) return refused(match.reason, stamp);
  let workbook: DepartmentWorkbook;
  try {
    workbook = departmentWorkbook(wb, file);
  } catch (e) {
    return refused(withPlace(describeReadError(e)), stamp);
  }
  const returned: ReturnedFile = {
    file,
    status: 'accepted',
    stamp,
    entry: match.entry,
    plan: workbook.plan,
    locations: workbook.locations,
    savedAt: await savedAtOf(wb, file),
    fileHash: createHash('sha256').update(bytes).digest('hex'),
    // The register's fingerprint (trusted), which the stamp's equals here.
    untouched: fingerprintOf(workbook.plan, register.year) === match.entry.fingerprint,
    changes: [
      ...changesOf({ sent: match.entry.sent, returned: workbook.plan, locations: workbook.locations, year: register.year }),
      ...formulaChanges(auditGrids(wb.worksheets.map(worksheetGrid), file).problems),
      // The sheets as distribute rendered them (locked by the round year), to find cells typed outside them.
      ...cellsOutsideLayout(buildWorkbookLayout(match.entry.sent, undefined, { lock: { year: register.year } }), wb),
    ],
  };
  return { returned, workbook };
}

/** Newest first: the later stamp, then the later save; the file name breaks a tie the same way every run. */
const newestFirst = (a: ReturnedFile, b: ReturnedFile) =>
  (b.stamp!.issuedAt > a.stamp!.issuedAt ? 1 : b.stamp!.issuedAt < a.stamp!.issuedAt ? -1 : 0) ||
  (b.savedAt! > a.savedAt! ? 1 : b.savedAt! < a.savedAt! ? -1 : 0) ||
  a.file.localeCompare(b.file, 'ja', { numeric: true });

async function isChosen(file: string, choose: readonly string[]): Promise<boolean> {
  for (const c of choose) if (await isSameFile(c, file)) return true;
  return false;
}

/** 差替: in each department with several accepted files one stays accepted, the others are superseded. */
async function resolveReplacements(files: ReturnedFile[], choose: readonly string[]): Promise<void> {
  for (const c of choose) {
    const hit = [];
    for (const f of files) if (await isSameFile(c, f.file)) hit.push(f);
    if (!hit.some((f) => f.status === 'accepted')) {
      const [ja, en] = ['--choose のファイルは受理された返送ファイルではありません', '--choose names a file that is not an accepted return'];
      throw new CollectInputError(c, ja, en);
    }
  }
  const groups = new Map<RegisterEntry, ReturnedFile[]>();
  for (const f of files) if (f.status === 'accepted') groups.set(f.entry!, [...(groups.get(f.entry!) ?? []), f]);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const chosen: ReturnedFile[] = [];
    for (const f of group) if (await isChosen(f.file, choose)) chosen.push(f);
    if (chosen.length > 1) {
      const names = chosen.map((f) => f.file).join(', ');
      const ja = `--choose で同じ所属のファイルを2つ選んでいます（${names}）`;
      throw new CollectInputError(chosen[1].file, ja, `--choose names two files of one department (${names})`);
    }
    const winner = chosen[0] ?? [...group].sort(newestFirst)[0];
    const name = path.basename(winner.file);
    for (const f of group) {
      if (f === winner) continue;
      f.status = 'superseded';
      f.reason = chosen.length
        ? { ja: `差替: --choose で ${name} を採用`, en: `replaced (差替): ${name} was chosen with --choose` }
        : {
            ja: `差替: より新しい ${name}（保存 ${winner.savedAt}）を採用`,
            en: `replaced (差替) by the newer ${name} (saved ${winner.savedAt})`,
          };
    }
  }
}

/** Reads every returned file against the register; never stops for one bad file. */
export async function collect(register: Register, files: string[], options: CollectOptions = {}): Promise<Collection> {
  const returns: ReturnedFile[] = [];
  const workbooks = new Map<string, DepartmentWorkbook>();
  for (const [index, file] of files.entries()) {
    const { returned, workbook } = await readReturn(register, file);
    returns.push(returned);
    if (workbook) workbooks.set(file, workbook);
    options.onProgress?.(index + 1, files.length, file);
  }
  await resolveReplacements(returns, options.choose ?? []);
  for (const f of returns) if (f.status !== 'accepted') workbooks.delete(f.file);

  const accepted = returns.filter((f) => f.status === 'accepted');
  const returnedEntries = new Set(accepted.map((f) => f.entry!));
  const missing = register.entries
    .filter((e) => !returnedEntries.has(e))
    .map((e) => ({ department: e.department, file: e.file, items: e.items }));
  const held = new Set(accepted.flatMap((f) => f.entry!.items.map((i) => i.id)));
  const planItems = new Set(register.entries.flatMap((e) => e.items.map((i) => i.id)));
  const missingItems = [...planItems].filter((id) => !held.has(id));
  const count = (status: ReturnedFile['status']) => returns.filter((f) => f.status === status).length;
  const totals: CollectTotals = {
    departments: register.entries.length,
    returned: returnedEntries.size,
    missing: missing.length,
    missingItems: missingItems.length,
    files: returns.length,
    accepted: accepted.length,
    superseded: count('superseded'),
    refused: count('refused'),
  };
  return { register, files: returns, missing, missingItems, totals, workbooks };
}

/** The round is complete: every department returned and no file was refused (exit 0; else 1). */
export const isComplete = (c: Collection) => c.totals.missing === 0 && c.totals.refused === 0;

/** 「回収 18/24 所属、未提出 6（項目 9）」 / "returned 18 of 24 departments, 6 missing (9 items)". */
export function collectLine(c: Collection): Message {
  const t = c.totals;
  return {
    ja: `回収 ${t.returned}/${t.departments} 所属、未提出 ${t.missing}（項目 ${t.missingItems}）`,
    en: `returned ${t.returned} of ${t.departments} departments, ${t.missing} missing (${t.missingItems} items)`,
  };
}
