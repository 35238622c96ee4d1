// One whole round on the bundled plan, through the commands a reform office runs: distribute R5 to every
// department, take the returns back as departments send them, collect, merge. The returns: honest ones,
// a loosened target, a changed past actual, a rate typed over, a note typed outside the form, a renamed
// file, last year's file, a 差替 pair, one department that sends nothing, and one saved by LibreOffice (a
// real spreadsheet rewriting our file). Each outcome is asserted: accepted or refused and why, each change at its cell, 未提出, and the
// merged record equal to what the departments typed.
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { Plan } from '../../src/model/plan';
import { Register, type RegisterEntry } from '../../src/round/register';
import { loadWorkbook, workbookToPlan, type Locations } from '../../src/xlsx/read';
import { recalculate } from '../../src/xlsx/libreoffice';
import { parsePlan } from '../../src/model/validate';
import { BUNDLED } from '../support/plans';
import { hyoka, tempDir } from '../cli/support';

jest.setTimeout(600_000);

let dir: string;
let register: Register;
let registerFile: string;
let returns: string;
/** What each department typed into R5, by item id and KPI number. */
const typed: Record<string, Record<number, number | string>> = {};
const special: Record<string, RegisterEntry> = {};
let json: {
  totals: Record<string, number>;
  files: { file: string; status: string; reason: { ja: string; en: string } | null; department: { name: string } | null;
    changes: { kind: string; severity: string; itemId?: string; kpiNo?: number; year?: string; place?: { sheet: string; row: number; col: number } }[] }[];
  missing: { department: { name: string } }[];
};

const locationsOf = async (file: string): Promise<Locations> => {
  const at: Locations = {};
  workbookToPlan(await loadWorkbook(file), file, at);
  return at;
};

/** Fills every R5 actual of a distributed workbook as a clerk would, then `edit`; writes it to `out`. */
async function fillReturn(entry: RegisterEntry, out: string, edit?: (ws: (sheet: string) => ExcelJS.Worksheet, at: Locations) => void) {
  const sentFile = path.join(dir, '配布', entry.file);
  const at = await locationsOf(sentFile);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sentFile);
  const ws = (sheet: string) => wb.getWorksheet(sheet)!;
  for (const item of entry.sent.items) {
    for (const k of item.kpis) {
      const where = at[item.id]?.[k.no]?.R5;
      if (!where || k.deleted) continue;
      const value = k.direction === 'qualitative' ? '達成' : item.no * 10 + k.no;
      ws(where.sheet).getCell(where.actual).value = value;
      (typed[item.id] ??= {})[k.no] = value;
    }
  }
  edit?.(ws, at);
  await wb.xlsx.writeFile(out);
  return at;
}

beforeAll(async () => {
  dir = await tempDir('hyoka-whole-round-');
  const plan = path.join(dir, 'plan.json');
  await fs.copyFile(BUNDLED, plan);
  const sent = await hyoka(['distribute', plan, '--year', 'R5', '-o', path.join(dir, '配布'), '--round-id', 'R5-whole']);
  expect(sent.code).toBe(0);
  registerFile = path.join(dir, '配布', '配布台帳.json');
  register = Register.parse(JSON.parse(await fs.readFile(registerFile, 'utf8')));
  const lastYear = await hyoka(['distribute', plan, '--year', 'R4', '-o', path.join(dir, '昨年度')]);
  expect(lastYear.code).toBe(0);

  returns = path.join(dir, '返送');
  await fs.mkdir(returns);
  const one = (i: number) => register.entries.filter((e) => e.sent.items.some((it) => it.kpis.some((k) => typeof k.targets.R5 === 'number')))[i];
  special.loosened = one(0);
  special.pastActual = one(1);
  special.typedOver = one(2);
  special.renamed = one(3);
  special.replaced = one(4);
  special.libreOffice = one(5);
  special.missing = one(6);
  special.noted = one(7);
  const firstNumeric = (e: RegisterEntry) => {
    const item = e.sent.items.find((it) => it.kpis.some((k) => typeof k.targets.R5 === 'number'))!;
    return { item, kpi: item.kpis.find((k) => typeof k.targets.R5 === 'number')! };
  };
  // Several departments share items (an item goes to each of its departments): the shared items' values are
  // typed alike by each, so the record can be compared with one expected value per KPI.
  for (const e of register.entries) {
    if (e === special.missing) continue;
    const out = path.join(returns, e === special.renamed ? '提出用 (1).xlsx' : e.file);
    if (e === special.loosened) {
      const { item, kpi } = firstNumeric(e);
      await fillReturn(e, out, (ws, at) => {
        const where = at[item.id][kpi.no].R5;
        const t = kpi.targets.R5 as number;
        ws(where.sheet).getCell(where.target).value = kpi.direction === 'lower' ? t * 2 : t / 2;
      });
    } else if (e === special.pastActual) {
      const { item, kpi } = firstNumeric(e);
      await fillReturn(e, out, (ws, at) => void (ws(at[item.id][kpi.no].R4.sheet).getCell(at[item.id][kpi.no].R4.actual).value = 1234));
    } else if (e === special.typedOver) {
      const { item, kpi } = firstNumeric(e);
      await fillReturn(e, out, (ws, at) => void (ws(at[item.id][kpi.no].R4.sheet).getCell(at[item.id][kpi.no].R4.rate).value = '100%'));
    } else if (e === special.noted) {
      // A clerk who unprotected the sheet typed a note beside the KPI table, outside the form.
      await fillReturn(e, out, (ws, at) => {
        const { item, kpi } = firstNumeric(e);
        const sheet = ws(at[item.id][kpi.no].R5.sheet);
        sheet.getCell(Number(/\d+/.exec(at[item.id][kpi.no].R5.actual)![0]), sheet.columnCount + 2).value = '速報値です';
      });
    } else if (e === special.replaced) {
      await fillReturn(e, path.join(dir, 'older.xlsx'));
      await fillReturn(e, out);
      const older = path.join(returns, `old_${e.file}`);
      await fs.copyFile(path.join(dir, 'older.xlsx'), older);
      await fs.utimes(older, new Date('2026-01-01'), new Date('2026-01-01'));
    } else if (e === special.libreOffice) {
      await fillReturn(e, path.join(dir, 'before-lo.xlsx'));
      const saved = await recalculate(path.join(dir, 'before-lo.xlsx'), path.join(dir, 'lo'));
      await fs.copyFile(saved, out);
    } else {
      await fillReturn(e, out);
    }
  }
  const lastYearFile = (await fs.readdir(path.join(dir, '昨年度'))).find((f) => f.endsWith('.xlsx') && !f.startsWith('配布台帳'))!;
  await fs.copyFile(path.join(dir, '昨年度', lastYearFile), path.join(returns, `last-year_${lastYearFile}`));

  const run = await hyoka(['collect', registerFile, returns, '-o', path.join(dir, '集計.xlsx'), '--json']);
  expect(run.code).toBe(1);
  json = JSON.parse(run.out);
}, 600_000);

const fileOf = (name: string) => json.files.find((f) => path.basename(f.file) === name)!;
const errorsOf = (name: string) => fileOf(name).changes.filter((c) => c.severity === 'error');

test('every department that returned is accepted; the missing one is 未提出; last year and the older copy are not taken', () => {
  const returned = register.entries.filter((e) => e !== special.missing);
  expect(json.missing.map((m) => m.department.name)).toEqual([special.missing.department.name]);
  expect(json.totals).toMatchObject({ departments: register.entries.length, returned: returned.length, missing: 1 });
  for (const e of returned) {
    const name = e === special.renamed ? '提出用 (1).xlsx' : e.file;
    expect([name, fileOf(name).status]).toEqual([name, 'accepted']);
  }
  const lastYear = json.files.find((f) => path.basename(f.file).startsWith('last-year_'))!;
  expect(lastYear.status).toBe('refused');
  expect(lastYear.reason!.ja).toContain('R4');
  expect(fileOf(`old_${special.replaced.file}`).status).toBe('superseded');
});

test('consolidating the distribution folder skips the register workbook (対象外), not unreadable', async () => {
  const run = await hyoka(['consolidate', path.join(dir, '配布'), '--json']);
  const register = JSON.parse(run.out).files.find((f: { file: string }) => path.basename(f.file) === '配布台帳.xlsx');
  expect(register).toMatchObject({ status: 'skipped' });
  expect(register.problem.en).toContain('register made by hyoka distribute');
});

test('each locked change is an error at its cell; honest returns (and the LibreOffice-saved one) have none', () => {
  expect(errorsOf(special.loosened.file).map((c) => [c.kind, c.year])).toEqual([['target-changed', 'R5']]);
  expect(errorsOf(special.pastActual.file).map((c) => [c.kind, c.year])).toEqual([['past-actual-changed', 'R4']]);
  const typedOver = errorsOf(special.typedOver.file);
  expect(typedOver.map((c) => c.kind)).toContain('formula-changed');
  expect(typedOver.every((c) => c.place)).toBe(true);
  const [note] = errorsOf(special.noted.file);
  expect(note).toMatchObject({ kind: 'not-carried', after: '速報値です' });
  expect(note.place).toBeDefined();
  expect(errorsOf(special.noted.file)).toHaveLength(1);
  for (const e of [special.renamed, special.libreOffice]) {
    const name = e === special.renamed ? '提出用 (1).xlsx' : e.file;
    expect([name, errorsOf(name)]).toEqual([name, []]);
  }
});

test('the merged record holds exactly what the departments typed, and nothing they changed outside R5', async () => {
  const out = path.join(dir, 'record-R5.json');
  const run = await hyoka(['merge', path.join(dir, 'plan.json'), returns, '--register', registerFile, '-o', out]);
  expect(run.code).toBe(1); // a department is missing
  const parsed = parsePlan(JSON.parse(await fs.readFile(out, 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems[0]));
  const record: Plan = parsed.plan;
  const original: Plan = JSON.parse(await fs.readFile(BUNDLED, 'utf8'));
  const missingOnly = new Set(special.missing.items.map((i) => i.id));
  for (const e of register.entries) if (e !== special.missing) for (const i of e.items) missingOnly.delete(i.id);
  for (const item of record.items) {
    for (const k of item.kpis) {
      const expected = missingOnly.has(item.id) ? undefined : typed[item.id]?.[k.no];
      expect([item.id, k.no, k.actuals.R5]).toEqual([item.id, k.no, expected]);
      if (expected !== undefined) expect(k.sources?.R5?.cell).toMatch(/^[A-Z]+\d+$/);
      const before = original.items.find((i) => i.id === item.id)!.kpis.find((x) => x.no === k.no)!;
      expect([item.id, k.no, k.targets, k.actuals.R4]).toEqual([item.id, k.no, before.targets, before.actuals.R4]);
    }
  }
});
