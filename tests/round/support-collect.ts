// A small round made directly (distribute is written at the same time): the bundled plan split by its
// first 取組所属, a register, and one stamped workbook per department, as the office would send them.
// Returns are the sent plan as a clerk left it, written with the sent stamp and a chosen save time.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { renderWorkbook } from '../../src/xlsx/write';
import { fingerprintOf, type RoundStamp } from '../../src/round/stamp';
import { REGISTER_KIND, type Register, type RegisterEntry } from '../../src/round/register';
import { DEFAULT_LAYOUT } from '../../src/layout/registry';
import { bundledPlan } from '../support/plans';

export const ROUND_ID = 'R5-20261202T000000Z';
export const ISSUED_AT = '2026-12-02T00:00:00Z';

/** The departments of the small round: a few with one to three items, to keep the files small. */
export const DEPARTMENTS = ['秘書課', '人事課', '財政課', '戦略企画課', '税務課'];

export interface Sent {
  entry: RegisterEntry;
  stamp: RoundStamp;
}

export interface Round {
  plan: Plan;
  register: Register;
  sent: Sent[];
}

const firstDept = (leadDept: string) => leadDept.split('、')[0].replace(/（/g, '(').replace(/）/g, ')').trim();

/** The round of `year` over DEPARTMENTS (or the ones given), as the register and the stamps. */
export interface RoundOptions {
  year?: string;
  roundId?: string;
  departments?: string[];
}

export async function makeRound(options: RoundOptions = {}): Promise<Round> {
  const plan = await bundledPlan();
  const year = options.year ?? 'R5';
  const roundId = options.roundId ?? ROUND_ID;
  const sent = (options.departments ?? DEPARTMENTS).map((name, i): Sent => {
    const subPlan: Plan = { ...plan, items: plan.items.filter((it) => firstDept(it.leadDept) === name) };
    if (!subPlan.items.length) throw new Error(`no items for ${name}`);
    const fingerprint = fingerprintOf(subPlan, year);
    const department = { code: String(i + 1).padStart(2, '0'), name };
    const file = `${department.code}_${name}.xlsx`;
    const items = subPlan.items.map((it) => ({ id: it.id, no: it.no, title: it.title }));
    const stamp: RoundStamp = {
      version: 1, planId: plan.plan.id, roundId, year, recipient: department, issuedAt: ISSUED_AT,
      itemIds: items.map((it) => it.id), fingerprint,
    };
    return { entry: { file, department, items, fingerprint, sent: subPlan }, stamp };
  });
  const register: Register = {
    kind: REGISTER_KIND, version: 1, planId: plan.plan.id, planTitle: plan.plan.title, roundId, year,
    layout: plan.plan.layout ?? DEFAULT_LAYOUT, issuedAt: ISSUED_AT, entries: sent.map((s) => s.entry),
  };
  return { plan, register, sent };
}

/** The sent plan with every open KPI actual of the round year filled (what an honest clerk returns). */
export function filled(sent: Sent): Plan {
  const plan = structuredClone(sent.entry.sent);
  const year = sent.stamp.year;
  for (const item of plan.items) {
    for (const k of item.kpis) k.actuals[year] ??= k.direction === 'qualitative' ? '達成' : 1;
    item.evaluations[year] = { ...item.evaluations[year], factors: '要因の記載' };
  }
  return plan;
}

export interface ReturnOptions {
  /** The plan as the clerk left it (default: filled(sent)). */
  plan?: Plan;
  /** The stamp written (default: the sent one); `null` writes none. */
  stamp?: RoundStamp | Record<string, unknown> | null;
  /** The workbook's save time (docProps modified); default: hyoka's own (1970, i.e. never saved). */
  modified?: Date;
}

/** Writes a returned workbook to `file`. */
export async function writeReturn(sent: Sent, file: string, options: ReturnOptions = {}): Promise<string> {
  const stamp = options.stamp === undefined ? sent.stamp : options.stamp;
  const build = stamp ? { round: stamp as RoundStamp } : {};
  const layout = buildWorkbookLayout(options.plan ?? filled(sent), undefined, build);
  const wb = await renderWorkbook(layout);
  if (options.modified) wb.modified = options.modified;
  await wb.xlsx.writeFile(file);
  return file;
}

export async function writeRegister(register: Register, file: string): Promise<string> {
  await fs.writeFile(file, JSON.stringify(register, null, 2));
  return file;
}

const made: string[] = [];

export async function tempDir(prefix = 'hyoka-collect-'): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

afterAll(async () => {
  for (const d of made.splice(0)) await fs.rm(d, { recursive: true, force: true });
});
