// Labels are found only where the layout puts them (their column and block): a clerk's text, a KPI or a
// task that reads like a label is a text, and nothing after it is lost.
import { a1 } from '../../src/layout/a1';
import { COL, LABELS } from '../../src/layout/gunma-sheet';
import { readPlanFromWorkbook } from '../../src/xlsx/read';
import { makeSmall, removeSmall, typeInto, writeEdited, type Small } from './support';

let s: Small;
beforeAll(async () => {
  s = await makeSmall();
});
afterAll(() => removeSmall(s));

test('「次年度への課題は、下欄のとおり。」 typed in R5 要因分析 is R5 要因分析, and every 次年度への課題 stays', async () => {
  const typed = '次年度への課題は、下欄のとおり。';
  const factorsRow = s.anchors.evaluationRows.factors!;
  const file = await writeEdited(s, 'label-in-text.xlsx', typeInto(a1(factorsRow, s.anchors.yearCols.R5), typed));
  const back = (await readPlanFromWorkbook(file)).items[0];
  const item = s.plan.items[0];
  expect(back.evaluations.R5?.factors).toBe(typed);
  for (const y of ['R2', 'R3', 'R4'] as const) {
    expect(back.evaluations[y]).toEqual(item.evaluations[y]);
  }
  expect(back.evaluations.R5?.nextYearIssues).toBeUndefined();
});

test('a KPI named 【具体的取組及び工程】 keeps every KPI', async () => {
  const [targetRow] = s.rows(1);
  const name = typeInto(a1(targetRow, COL.name), LABELS.scheduleSection);
  const file = await writeEdited(s, 'kpi-named-section.xlsx', name);
  const back = (await readPlanFromWorkbook(file)).items[0];
  expect(back.kpis.map((k) => k.no)).toEqual([1, 2, 3]);
  expect(back.kpis[0].name).toBe(LABELS.scheduleSection);
  expect(back.kpis[1].actuals).toEqual(s.plan.items[0].kpis[1].actuals);
  expect(back.schedule).toHaveLength(s.plan.items[0].schedule.length);
});

test('a task named 計画 keeps the tasks after it', async () => {
  const first = s.anchors.schedule[0];
  const file = await writeEdited(s, 'task-named-plan.xlsx', typeInto(a1(first.planRow, COL.name), LABELS.plan));
  const back = (await readPlanFromWorkbook(file)).items[0];
  const item = s.plan.items[0];
  expect(back.schedule.map((t) => t.task)).toEqual([LABELS.plan, ...item.schedule.slice(1).map((t) => t.task)]);
  expect(back.schedule[1].plan).toEqual(item.schedule[1].plan);
});

test('a task named 年度ごとの実施結果評価 is a task: the tasks after it and the evaluations stay', async () => {
  const second = s.anchors.schedule[1];
  const name = typeInto(a1(second.planRow, COL.name), LABELS.evaluationSection);
  const file = await writeEdited(s, 'task-named-eval.xlsx', name);
  const back = (await readPlanFromWorkbook(file)).items[0];
  const item = s.plan.items[0];
  expect(back.schedule).toHaveLength(item.schedule.length);
  expect(back.schedule[1].task).toBe(LABELS.evaluationSection);
  expect(back.evaluations).toEqual(item.evaluations);
});
