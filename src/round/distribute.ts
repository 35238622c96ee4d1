// hyoka distribute: one workbook per department for a year's round, and the register (配布台帳) of what
// went where. An item goes to each of its 取組所属 and to each KPI's owner (Kpi.owner); an owner receives
// the whole item, so the sheet it fills is the complete sheet the lead department sees (the totals and
// 達成件数 of a partial sheet would mean nothing). Each department's plan keeps the plan header, KGIs
// and outline unchanged, with its own items in plan order. Pure but for the workbook bytes.
import type { Item, Plan } from '../model/plan';
import { DEFAULT_LAYOUT } from '../layout/registry';
import { isDeletedIn } from '../rules/evaluate';
import { buildWorkbookLayout } from '../layout/workbook';
import { writeWorkbookBuffer } from '../xlsx/write';
import { Register, REGISTER_KIND, type RegisterEntry } from './register';
import { fingerprintOf, type Department, type RoundStamp } from './stamp';
import { DepartmentDirectory, RoundInputError, departmentKey, splitDepartments } from './departments';
import type { DepartmentEntry } from './departments';
import { FileNamer } from './file-names';
import { assertReadsBack } from './read-back';

/** Where the items without any department go (the yamagata seed names none). */
export const UNASSIGNED = '所属未設定';
export const REGISTER_JSON = '配布台帳.json';
export const REGISTER_XLSX = '配布台帳.xlsx';

/** Something the office should know, not a refusal: an unknown department, merged spellings. */
export interface RoundNote {
  ja: string;
  en: string;
}

export interface DistributeOptions {
  year: string;
  /** The office's list (所属一覧); without it departments are named as the plan first spells them. */
  directory?: DepartmentDirectory;
  /** Default: `${year}-${UTC yyyymmddThhmmssZ}` of `now`. */
  roundId?: string;
  now?: Date;
  /** The plan file, for messages. */
  file?: string;
}

interface Recipient {
  department: Department;
  /** Spellings met in the plan, in order. */
  spellings: string[];
  items: Item[];
  /** The office's list row, when it knows the department. */
  entry?: DepartmentEntry;
  order: number;
}

const compactUtc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** Every department an item goes to: its 取組所属, then its KPIs' owners. */
function namesOf(item: Item, directory: DepartmentDirectory): string[] {
  const texts = [item.leadDept, ...item.kpis.map((k) => k.owner ?? '')];
  return splitDepartments(texts.join('\n'), directory.knows);
}

function recipientsOf(plan: Plan, directory: DepartmentDirectory): Recipient[] {
  const byKey = new Map<string, Recipient>();
  const listedOrder = new Map(directory.entries.map((e, i) => [e, i]));
  for (const item of plan.items) {
    const names = namesOf(item, directory);
    const done = new Set<string>(); // two aliases of one listed department in one cell: the item goes once
    for (const name of names.length ? names : [UNASSIGNED]) {
      const entry = directory.lookup(name);
      const key = entry ? `#${entry.line}` : departmentKey(name);
      if (done.has(key)) continue;
      done.add(key);
      let r = byKey.get(key);
      if (!r) {
        const department = entry ? { ...(entry.code ? { code: entry.code } : {}), name: entry.name } : { name };
        const order = entry ? listedOrder.get(entry)! : directory.entries.length + byKey.size;
        byKey.set(key, (r = { department, spellings: [], items: [], entry, order }));
      }
      if (!r.spellings.includes(name)) r.spellings.push(name);
      r.items.push(item);
    }
  }
  // The unassigned items last, after the departments.
  const rank = (r: Recipient) => (r.department.name === UNASSIGNED && !r.entry ? Infinity : r.order);
  return [...byKey.values()].sort((a, b) => rank(a) - rank(b));
}

function notesOf(recipients: Recipient[], directory: DepartmentDirectory): RoundNote[] {
  const notes: RoundNote[] = [];
  for (const r of recipients) {
    const nos = r.items.map((i) => `(${i.no})`).join(' ');
    if (r.department.name === UNASSIGNED && !r.entry) {
      notes.push({
        ja: `実施項目 ${nos} には取組所属も指標の担当所属もありません: 「${UNASSIGNED}」として配布します`,
        en: `item(s) ${nos} name no lead department and no KPI owner: distributed as "${UNASSIGNED}" (unassigned)`,
      });
    } else if (!r.entry && !directory.isEmpty) {
      notes.push({
        ja: `所属「${r.department.name}」（実施項目 ${nos}）は所属一覧にありません: この名前で配布します`,
        en: `department "${r.department.name}" (item(s) ${nos}) is not in the department list: sent under this name`,
      });
    }
    if (!r.entry && r.spellings.length > 1) {
      const all = r.spellings.map((s) => `「${s}」`).join('');
      notes.push({
        ja: `${all} を同じ所属「${r.department.name}」として扱います`,
        en: `${r.spellings.map((s) => `"${s}"`).join(', ')} are one department, "${r.department.name}"`,
      });
    }
  }
  const used = new Set(recipients.map((r) => r.entry));
  for (const e of directory.entries) {
    if (used.has(e)) continue;
    notes.push({
      ja: `所属一覧の「${e.name}」（${e.line} 行目）に配る実施項目はありません`,
      en: `the department list's "${e.name}" (line ${e.line}) has no items to receive`,
    });
  }
  return notes;
}

/**
 * Rolling over (R5's record sent for R6): the previous year is sent frozen, as the record has it — so a
 * KPI with a target but no actual there stays blank for good unless the record is mended first.
 */
function frozenGapsOf(plan: Plan, year: string): RoundNote[] {
  const previous = plan.plan.years[plan.plan.years.indexOf(year) - 1];
  if (previous === undefined) return [];
  const blank = (k: Item['kpis'][number]) =>
    k.targets[previous] !== undefined && k.actuals[previous] === undefined && !isDeletedIn(k, previous);
  const gaps = plan.items.filter((item) => item.kpis.some(blank));
  if (gaps.length === 0) return [];
  const nos = gaps.map((i) => `(${i.no})`).join(' ');
  const ja = `前年度 ${previous} の実績が空欄の指標があります（実施項目 ${nos}）: 空欄のまま固定して配布します`;
  const en = `KPIs without an actual for ${previous} (item(s) ${nos}): sent frozen as blanks`;
  return [{ ja: `${ja}（埋めるには先に記録を直してください）`, en: `${en} (to fill them, mend the record first)` }];
}

export interface RoundPlan {
  register: Register;
  notes: RoundNote[];
}

/** What to write for a year's round: the register (entries in department order) and the notes. */
export function planRound(plan: Plan, options: DistributeOptions): RoundPlan {
  const { year, file = null } = options;
  if (!plan.plan.years.includes(year)) {
    const years = plan.plan.years;
    throw new RoundInputError(
      `年度「${year}」はこの計画にありません（計画の年度: ${years.join('・')}）`,
      `year "${year}" is not one of the plan's years (${years.join(', ')})`,
      file,
    );
  }
  if (plan.items.length === 0) throw new RoundInputError('配布する実施項目がありません', 'the plan has no items to distribute', file);
  if (options.roundId !== undefined && !/^[^\u0000-\u001f\u007f]{1,64}$/.test(options.roundId)) {
    const en = 'the round id must be 1 to 64 characters, none a control character';
    throw new RoundInputError('配布 ID は 1〜64 文字（制御文字なし）にしてください', en, file);
  }
  const directory = options.directory ?? new DepartmentDirectory();
  const now = options.now ?? new Date();
  const recipients = recipientsOf(plan, directory);
  const namer = new FileNamer('.xlsx');
  for (const reserved of [REGISTER_JSON, REGISTER_XLSX]) namer.reserve(reserved);
  const width = Math.max(2, String(recipients.length).length);
  const entries: RegisterEntry[] = recipients.map((r, i) => {
    const sent: Plan = { ...plan, items: r.items };
    const label = r.department.code ?? String(i + 1).padStart(width, '0');
    return {
      file: namer.name(`${year}_${label}_${r.department.name}`),
      department: r.department,
      items: r.items.map((item) => ({ id: item.id, no: item.no, title: item.title })),
      fingerprint: fingerprintOf(sent, year),
      sent,
    };
  });
  const candidate = {
    kind: REGISTER_KIND,
    version: 1,
    planId: plan.plan.id,
    planTitle: plan.plan.title,
    roundId: options.roundId ?? `${year}-${compactUtc(now)}`,
    year,
    layout: plan.plan.layout ?? DEFAULT_LAYOUT,
    issuedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    entries,
  };
  // Validated before anything is written: a register collect cannot read would lose the round.
  const checked = Register.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`register invalid at ${issue.path.join('.')}: ${issue.message}`);
  }
  return { register: checked.data, notes: [...frozenGapsOf(plan, year), ...notesOf(recipients, directory)] };
}

/** The stamp a register entry's workbook carries (one source for the workbook and for later checks). */
export function entryStamp(register: Register, entry: RegisterEntry): RoundStamp {
  return {
    version: 1,
    planId: register.planId,
    roundId: register.roundId,
    year: register.year,
    recipient: entry.department,
    issuedAt: register.issuedAt,
    itemIds: entry.items.map((i) => i.id),
    fingerprint: entry.fingerprint,
  };
}

/**
 * The workbook of one register entry: the department's plan with its stamp, locked by year (the password,
 * if any, travels with the lock), read back once to prove it carries what its fingerprint covers.
 */
export async function roundWorkbook(register: Register, entry: RegisterEntry, password?: string): Promise<Buffer> {
  const lock = { year: register.year, ...(password !== undefined ? { password } : {}) };
  const layout = buildWorkbookLayout(entry.sent, undefined, { round: entryStamp(register, entry), lock });
  const bytes = await writeWorkbookBuffer(layout);
  await assertReadsBack({ bytes, sent: entry.sent, year: register.year, file: entry.file });
  return bytes;
}
