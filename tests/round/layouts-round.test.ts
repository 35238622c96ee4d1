// A round on every seed layout with items (DX, Saitama, Yamagata; the Gunma sheet has its own whole-round
// test, the outline has no items to send): distribute the plan's last year, return every file with one
// actual typed into its open cell, collect (all accepted, nothing changed outside the open cells), merge
// (the typed actual in the record, with its source cell).
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { Register } from '../../src/round/register';
import { parsePlan } from '../../src/model/validate';
import { loadWorkbook, workbookToPlan, type Locations } from '../../src/xlsx/read';
import { REPO } from '../support/plans';
import { hyoka, tempDir } from '../cli/support';

jest.setTimeout(300_000);

test.each(['gunma-dx-2021.json', 'saitama-2020.json', 'yamagata-2021.json'])('%s: distribute, collect, merge', async (seed) => {
  const dir = await tempDir('hyoka-layout-round-');
  const planFile = path.join(dir, 'plan.json');
  await fs.copyFile(path.join(REPO, 'seeds', seed), planFile);
  const plan = JSON.parse(await fs.readFile(planFile, 'utf8'));
  const year: string = plan.plan.years[plan.plan.years.length - 1];
  const sent = await hyoka(['distribute', planFile, '--year', year, '-o', path.join(dir, '配布')]);
  expect([sent.code, sent.err]).toEqual([0, expect.any(String)]);
  const registerFile = path.join(dir, '配布', '配布台帳.json');
  const register = Register.parse(JSON.parse(await fs.readFile(registerFile, 'utf8')));

  // Every department returns its file with the first numeric KPI's actual of the year typed (its open cell).
  const returns = path.join(dir, '返送');
  await fs.mkdir(returns);
  const typed = new Map<string, number>();
  for (const e of register.entries) {
    const file = path.join(dir, '配布', e.file);
    const at: Locations = {};
    workbookToPlan(await loadWorkbook(file), file, at);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const item of e.sent.items) {
      const kpi = item.kpis.find((k) => k.direction !== 'qualitative' && !k.deleted && at[item.id]?.[k.no]?.[year]?.actual);
      if (!kpi) continue;
      const where = at[item.id][kpi.no][year];
      const cell = wb.getWorksheet(where.sheet)!.getCell(where.actual);
      if (cell.formula || cell.protection?.locked !== false) continue; // only what the clerk can type into
      const key = `${item.id}:${kpi.no}`;
      const value = typed.get(key) ?? item.no + kpi.no / 10;
      cell.value = value;
      typed.set(key, value);
    }
    await wb.xlsx.writeFile(path.join(returns, e.file));
  }
  expect(typed.size).toBeGreaterThan(0);

  const collected = await hyoka(['collect', registerFile, returns, '--json']);
  expect(collected.code).toBe(0);
  const json = JSON.parse(collected.out);
  for (const f of json.files) {
    expect([path.basename(f.file), f.status, f.untouched]).toEqual([path.basename(f.file), 'accepted', true]);
    expect(f.changes.filter((c: { severity: string }) => c.severity !== 'info')).toEqual([]);
  }

  const out = path.join(dir, 'record.json');
  const merged = await hyoka(['merge', planFile, returns, '--register', registerFile, '-o', out]);
  expect([merged.code, merged.err]).toEqual([0, '']);
  const parsed = parsePlan(JSON.parse(await fs.readFile(out, 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems[0]));
  for (const [key, value] of typed) {
    const [id, no] = key.split(':');
    const kpi = parsed.plan.items.find((i) => i.id === id)!.kpis.find((k) => k.no === Number(no))!;
    // The DX sheet's open cells are the quarters: the typed one is the last quarter, the yearly actual follows.
    const got = kpi.quarterlyActuals?.[year] ? kpi.quarterlyActuals[year][3] : kpi.actuals[year];
    expect([key, got, kpi.sources?.[year]?.cell]).toEqual([key, value, expect.stringMatching(/^[A-Z]+\d+$/)]);
  }
});
