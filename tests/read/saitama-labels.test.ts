// The Saitama reader finds its section and evaluation labels in the 番号 column only: an indicator
// named 【工程】 or an evaluation text 「次年度への課題」 typed in a year column is a text.
import { a1 } from '../../src/layout/a1';
import { SCOL, SLABELS } from '../../src/layout/saitama-sheet';
import { loadPlanFile } from '../../src/cli/plan-file';
import { readPlanFromWorkbook } from '../../src/xlsx/read';
import { REPO } from '../support/plans';
import * as path from 'path';
import { makeSmall, removeSmall, typeInto, writeEdited, type Small } from './support';

let s: Small;
beforeAll(async () => {
  const plan = await loadPlanFile(path.join(REPO, 'seeds', 'saitama-2020.json'));
  const item = plan.items.find((it) => it.kpis.length >= 2 && it.schedule.length > 0)!;
  s = await makeSmall({ ...plan, items: [item] });
});
afterAll(() => removeSmall(s));

test('an indicator named 【工程】 keeps every indicator and task', async () => {
  const [targetRow] = s.rows(s.plan.items[0].kpis[0].no);
  const file = await writeEdited(s, 'saitama-kpi-named.xlsx', typeInto(a1(targetRow, SCOL.name), SLABELS.schedule));
  const back = (await readPlanFromWorkbook(file)).items[0];
  expect(back.kpis.map((k) => k.no)).toEqual(s.plan.items[0].kpis.map((k) => k.no));
  expect(back.kpis[0].name).toBe(SLABELS.schedule);
  expect(back.schedule.map((t) => t.task)).toEqual(s.plan.items[0].schedule.map((t) => t.task));
});

test('「次年度への課題」 typed as a 要因分析 text is that text, and the 次年度への課題 row stays', async () => {
  const year = s.plan.plan.years[s.plan.plan.years.length - 1];
  const factorsRow = s.anchors.evaluationRows.factors!;
  const issuesRow = s.anchors.evaluationRows.nextYearIssues!;
  const file = await writeEdited(s, 'saitama-eval.xlsx', {
    edit: (ws) => {
      ws.getCell(a1(factorsRow, s.anchors.yearCols[year])).value = SLABELS.nextYearIssues;
      ws.getCell(a1(issuesRow, s.anchors.yearCols[year])).value = '入札の時期を早める';
    },
  });
  const back = (await readPlanFromWorkbook(file)).items[0];
  expect(back.evaluations[year]?.factors).toBe(SLABELS.nextYearIssues);
  expect(back.evaluations[year]?.nextYearIssues).toBe('入札の時期を早める');
});
