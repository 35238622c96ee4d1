// 変更点: a round workbook edited as a clerk would, compared with the plan as sent. The overtime KPI of
// the bundled plan (item 2-8-18, lower is better, target 10 hours) is the case: a department that
// loosened its target to 14 and rewrote its R4 actual must be told apart, cell by cell, from one that only
// filled R5. An untouched workbook (also after a LibreOffice save) has no change at all.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { changesOf, changeCounts, type Change } from '../../src/round/changes';
import { planDifferences } from '../../src/round/plan-diff';
import { fingerprintOf, type RoundStamp } from '../../src/round/stamp';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { parseA1 } from '../../src/layout/a1';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan, type Locations } from '../../src/xlsx/read';
import { recalculate } from '../../src/xlsx/libreoffice';
import type { Plan } from '../../src/model/plan';
import { bundledPlan } from '../support/plans';

jest.setTimeout(180_000);

const YEAR = 'R5';
const ITEM = '2-8-18';
let dir: string;
let sent: Plan;
let sentFile: string;
let locations: Locations;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-changes-'));
  const plan = await bundledPlan();
  sent = { ...plan, items: plan.items.filter((i) => i.id === ITEM) };
  const stamp: RoundStamp = {
    version: 1, planId: sent.plan.id, roundId: 'R5-test', year: YEAR, recipient: { name: '人事課' },
    issuedAt: '2026-12-02T00:00:00Z', itemIds: [ITEM], fingerprint: fingerprintOf(sent, YEAR),
  };
  sentFile = path.join(dir, 'sent.xlsx');
  await writeWorkbookFile(buildWorkbookLayout(sent, undefined, { round: stamp }), sentFile);
  locations = {};
  workbookToPlan(await loadWorkbook(sentFile), sentFile, locations);
});

afterAll(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function returned(file: string): Promise<{ plan: Plan; locations: Locations }> {
  const at: Locations = {};
  const plan = workbookToPlan(await loadWorkbook(file), file, at);
  return { plan, locations: at };
}

/** The sent workbook with cells typed over as a clerk would, saved under `name`. */
async function edited(name: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(sentFile);
  edit(wb.getWorksheet(locations[ITEM][1][YEAR].sheet)!);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const cellOf = (year: string, role: 'target' | 'actual') => locations[ITEM][1][year][role];

test('an untouched return has no change; so has the plan compared with itself', async () => {
  const back = await returned(sentFile);
  expect(changesOf({ sent, returned: back.plan, locations: back.locations, year: YEAR })).toEqual([]);
  expect(planDifferences(sent, structuredClone(sent))).toEqual([]);
});

test('a loosened target, a rewritten past actual and a renamed KPI are errors at their cells; R5 is filled', async () => {
  const kpi = sent.items[0].kpis[0];
  const file = await edited('loosened.xlsx', (ws) => {
    ws.getCell(cellOf(YEAR, 'target')).value = 14;
    ws.getCell(cellOf('R4', 'actual')).value = 12;
    ws.getCell(cellOf(YEAR, 'actual')).value = 14.1;
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.value === kpi.name) c.value = `${kpi.name}（見直し）`;
    }));
  });
  const back = await returned(file);
  const changes = changesOf({ sent, returned: back.plan, locations: back.locations, year: YEAR });
  const byKind = (kind: Change['kind']) => changes.filter((c) => c.kind === kind);
  const sheet = locations[ITEM][1][YEAR].sheet;

  const [target] = byKind('target-changed');
  expect(target).toMatchObject({ severity: 'error', itemId: ITEM, kpiNo: 1, year: YEAR, before: 10, after: 14 });
  expect(target.place).toEqual({ sheet, ...parseA1(cellOf(YEAR, 'target')) });
  expect(target.message.ja).toContain('緩和');
  expect(target.message.en).toContain('loosened');

  const [past] = byKind('past-actual-changed');
  expect(past).toMatchObject({ severity: 'error', year: 'R4', before: kpi.actuals.R4, after: 12 });
  expect(past.place).toEqual({ sheet, ...parseA1(cellOf('R4', 'actual')) });

  expect(byKind('kpi-changed')).toEqual([expect.objectContaining({ field: 'name', severity: 'error', after: `${kpi.name}（見直し）` })]);
  const [filled] = byKind('filled');
  expect(filled).toMatchObject({ severity: 'info', year: YEAR, before: undefined, after: 14.1 });
  expect(filled.place).toEqual({ sheet, ...parseA1(cellOf(YEAR, 'actual')) });
  expect(changeCounts(changes)).toEqual({ error: 3, request: 0, info: 1 });
  // No error is exactly "the stamp's fingerprint still holds".
  expect(fingerprintOf(back.plan, YEAR)).not.toBe(fingerprintOf(sent, YEAR));
});

test("only the round year's inputs filled: info only, and the fingerprint holds", async () => {
  const file = await edited('filled.xlsx', (ws) => {
    ws.getCell(cellOf(YEAR, 'actual')).value = 11.2;
  });
  const back = await returned(file);
  const changes = changesOf({ sent, returned: back.plan, locations: back.locations, year: YEAR });
  expect(changes.map((c) => [c.kind, c.severity, c.after])).toEqual([['filled', 'info', 11.2]]);
  expect(fingerprintOf(back.plan, YEAR)).toBe(fingerprintOf(sent, YEAR));
});

test('a deleted KPI and an added item are each one change, not a cascade', () => {
  const plan = structuredClone(sent);
  const other = structuredClone(plan.items[0]);
  plan.items.push({ ...other, id: 'extra', no: 99 });
  const two = structuredClone(plan);
  two.items[0].kpis.splice(0, 1);
  const changes = changesOf({ sent: plan, returned: two, year: YEAR });
  expect(changes.map((c) => [c.kind, c.kpiNo])).toEqual([['kpi-removed', 1]]);
  const added = changesOf({ sent, returned: plan, year: YEAR });
  expect(added.map((c) => [c.kind, c.itemId])).toEqual([['item-added', 'extra']]);
});

test('an untouched return saved by LibreOffice still has no change', async () => {
  const saved = await recalculate(sentFile, path.join(dir, 'lo'));
  const back = await returned(saved);
  expect(changesOf({ sent, returned: back.plan, locations: back.locations, year: YEAR })).toEqual([]);
});
