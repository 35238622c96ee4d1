// export(generate(plan)) = plan for the Saitama layout: the seed as printed, the seed after clerks typed
// actuals, evaluation texts and 工程 notes, and after rows and columns were inserted and sheets renamed.
import { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { bundledPlan, fillActuals } from '../support/plans';
import { insertColumns, insertRows } from '../support/shift';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { saitamaPlan, SAITAMA } from './support';
import { canonical } from '../support/canonical';


async function roundTrip(layout: WorkbookLayout): Promise<Plan> {
  return workbookToPlan(await loadWorkbook(await writeWorkbookBuffer(layout)), 'saitama.xlsx');
}

test('the seed as printed', async () => {
  const plan = await saitamaPlan();
  const back = await roundTrip(buildWorkbookLayout(plan));
  expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
});

test('after clerks typed actuals, evaluation texts, 工程 notes and edited 取組内容', async () => {
  const plan = fillActuals(await saitamaPlan(), 42);
  plan.items[0].evaluations = { R2: { factors: '全庁照会により50業務を達成', nextYearIssues: '=1+1', response: '横展開' } };
  plan.items[1].schedule[0].yearNotes = { ...plan.items[1].schedule[0].yearNotes, R4: '実施済' };
  plan.items[2].reformContent += '\n追記';
  plan.items[3].relatedDepts = '';
  const back = await roundTrip(buildWorkbookLayout(plan));
  expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
});

test('inserted rows and columns, renamed and reordered sheets lose nothing', async () => {
  const plan = fillActuals(await saitamaPlan(), 7);
  const base = buildWorkbookLayout(plan);
  const sheets = base.sheets.map((s, i) => {
    if (s.kind !== 'item') return s;
    const a = s.anchors!;
    let out = insertRows(s, a.headerRow, 2); // above the 目標 table
    out = insertRows(out, a.kpis[0].rateRow + 1, 1); // inside the first indicator, between 達成率 and 実績
    out = insertColumns(out, 1, 1); // before everything
    out = insertColumns(out, a.yearCols.R3 + 1, 1); // between the years
    return { ...out, name: `改名${i}` };
  });
  const [overview, ...rest] = sheets;
  const meta = rest.pop()!;
  const back = await roundTrip({ ...base, sheets: [meta, ...rest.reverse(), overview] });
  expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
});

test('the command line: validate, generate, export and evaluate the seed', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-saitama-cli-'));
  const run = async (...args: string[]) => {
    let out = '';
    let err = '';
    const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
    return { code, out, err };
  };
  expect((await run('validate', SAITAMA)).code).toBe(0);
  const xlsx = path.join(dir, 'saitama.xlsx');
  const generated = await run('generate', SAITAMA, '-o', xlsx);
  expect(generated).toMatchObject({ code: 0, out: expect.stringContaining('62 実施項目') });
  const json = path.join(dir, 'back.json');
  expect((await run('export', xlsx, '-o', json)).code).toBe(0);
  expect(canonical(Plan.parse(JSON.parse(await fs.readFile(json, 'utf8'))))).toEqual(canonical(await saitamaPlan()));
  const evaluated = await run('evaluate', xlsx, '--json');
  expect(evaluated.code).toBe(0);
  const report = JSON.parse(evaluated.out) as { items: { id: string; kpis: unknown[] }[] };
  expect(report.items).toHaveLength(62);
  expect(report.items.reduce((n, i) => n + i.kpis.length, 0)).toBe(112);
});

test('any plan renders in this layout and comes back: the bundled Gunma plan (relative targets, deleted indicators, 参考指標, quarters, KGIs)', async () => {
  const plan = fillActuals(await bundledPlan(), 3);
  const back = await roundTrip(buildWorkbookLayout(plan, undefined, { layout: 'saitama-action' }));
  expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
});
