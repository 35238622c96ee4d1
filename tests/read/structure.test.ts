// Structural edits never lose what the metadata says should be there: a deleted or moved KPI block, a
// deleted year's columns, a retyped year header are reported at their place (export refuses, naming the
// sheet and cell; a collecting reader lists them); text typed in inserted rows is carried into notes.
import { a1 } from '../../src/layout/a1';
import { COL } from '../../src/layout/gunma-sheet';
import { readPlanFromWorkbook, WorkbookReadError } from '../../src/xlsx/read';
import { insertRows } from '../support/shift';
import { deleteColumns, deleteRows, makeSmall, readCollecting, removeSmall, smallPlan, typeInto } from './support';
import { writeEdited, type Small } from './support';

let s: Small;
beforeAll(async () => {
  s = await makeSmall();
});
afterAll(() => removeSmall(s));

async function refusal(file: string): Promise<WorkbookReadError> {
  const e = await readPlanFromWorkbook(file).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(WorkbookReadError);
  return e as WorkbookReadError;
}

test('a deleted KPI block is refused by export at its place, and listed by a collecting reader', async () => {
  const [t2] = s.rows(2);
  const file = await writeEdited(s, 'kpi-deleted.xlsx', { sheet: deleteRows(s.sheet, t2, 3) });
  const e = await refusal(file);
  expect(e.sheet).toBe(s.sheet.name);
  expect(e.cell).toBe(a1(t2, COL.no));
  expect(e.ja).toContain('②');
  expect(e.en).toContain('②');
  const { plan, issues } = await readCollecting(file);
  expect(plan.items[0].kpis.map((k) => k.no)).toEqual([1, 3]);
  const missing = issues.filter((i) => i.kind === 'kpi-missing');
  expect(missing).toEqual([expect.objectContaining({ kpi: 2, sheet: s.sheet.name, cell: a1(t2, COL.no) })]);
});

test('a KPI block moved below the sheet is reported, and its texts are carried as notes', async () => {
  const [t3] = s.rows(3);
  const moved = deleteRows(s.sheet, t3, 3);
  const last = Math.max(...moved.cells.map((c) => c.row));
  const block = s.sheet.cells.filter((c) => c.row >= t3 && c.row < t3 + 3);
  const below = block.map((c) => ({ ...c, row: c.row - t3 + last + 3 }));
  const file = await writeEdited(s, 'kpi-moved.xlsx', { sheet: { ...moved, cells: [...moved.cells, ...below] } });
  expect((await refusal(file)).en).toContain('③');
  const { plan, issues } = await readCollecting(file);
  expect(issues.some((i) => i.kind === 'kpi-missing' && i.kpi === 3)).toBe(true);
  expect(plan.items[0].notes).toContain(s.plan.items[0].kpis[2].name);
});

test("deleting R2's columns is refused: the year is reported, not dropped", async () => {
  const file = await writeEdited(s, 'year-deleted.xlsx', { sheet: deleteColumns(s.sheet, s.anchors.yearCols.R2, 4) });
  const e = await refusal(file);
  expect(e.sheet).toBe(s.sheet.name);
  expect(e.cell).toBe(a1(s.anchors.headerRow, s.anchors.yearCols.R2)); // where R2 was: now the R3 heading
  expect(`${e.ja} ${e.en}`).toContain('R2');
  const { issues } = await readCollecting(file);
  expect(issues.filter((i) => i.kind === 'year-missing').map((i) => i.year)).toEqual(['R2']);
});

test('retyping the R5 header as R6 reports R5 missing and R6 twice', async () => {
  const header = s.anchors.headerRow;
  const file = await writeEdited(s, 'year-retyped.xlsx', typeInto(a1(header, s.anchors.yearCols.R5), 'R6'));
  await refusal(file);
  const { issues } = await readCollecting(file);
  const said = issues.map((i) => [i.kind, i.year]);
  expect(said).toEqual(expect.arrayContaining([['year-missing', 'R5'], ['year-duplicated', 'R6']]));
  expect(issues.find((i) => i.kind === 'year-duplicated')!.cell).toBe(a1(header, s.anchors.yearCols.R6));
  expect(issues.find((i) => i.kind === 'year-missing')!.cell).toBe(a1(header, s.anchors.yearCols.R5));
});

test('a note typed in a row inserted inside a KPI block is carried into that KPI', async () => {
  const [, rate] = s.rows(1);
  const note = 'R3 は集計方法を変更';
  const inserted = insertRows(s.sheet, rate + 1, 1);
  const cell = a1(rate + 1, s.anchors.yearCols.R3);
  const file = await writeEdited(s, 'note-in-block.xlsx', { sheet: inserted, ...typeInto(cell, note) });
  const plan = await readPlanFromWorkbook(file);
  const kpi = plan.items[0].kpis[0];
  expect(kpi.notes).toContain(note);
  expect(kpi.actuals).toEqual(s.plan.items[0].kpis[0].actuals);
  const { issues } = await readCollecting(file);
  expect(issues).toEqual([expect.objectContaining({ kind: 'carried-as-note', severity: 'info', cell })]);
});

test('rows added below the sheet are carried into the item notes by export', async () => {
  const last = Math.max(...s.sheet.cells.map((c) => c.row));
  const file = await writeEdited(s, 'below.xlsx', {
    edit: (ws) => {
      ws.getCell(last + 2, 1).value = '補足：R4 実績は速報値';
      ws.getCell(last + 3, s.anchors.yearCols.R4).value = '確定は6月';
    },
  });
  const plan = await readPlanFromWorkbook(file);
  expect(plan.items[0].notes).toContain('補足：R4 実績は速報値');
  expect(plan.items[0].notes).toContain('確定は6月');
});

test('a row inserted between a task\'s 計画 and 結果 rows keeps the 結果 quarters, and its text is carried', async () => {
  const plan = await smallPlan();
  const item = plan.items[0];
  const tasks = item.schedule.map((t, i) => (i === 0 ? { ...t, plan: { R2: [1, 2] }, result: { R2: [2, 3] } } : t));
  const q = await makeSmall({ ...plan, items: [{ ...item, schedule: tasks }] });
  try {
    const task = q.anchors.schedule[0];
    const col = q.anchors.quarterCols.R3[0];
    const edit = (ws: import('exceljs').Worksheet) => (ws.getCell(task.resultRow, col).value = '入札は延期');
    const file = await writeEdited(q, 'task-row.xlsx', { sheet: insertRows(q.sheet, task.resultRow, 1), edit });
    const back = (await readPlanFromWorkbook(file)).items[0];
    expect(back.schedule[0].plan).toEqual({ R2: [1, 2] });
    expect(back.schedule[0].result).toEqual({ R2: [2, 3] });
    expect(back.schedule[0].resultNotes).toBeUndefined();
    expect(back.notes).toContain('入札は延期');
  } finally {
    await removeSmall(q);
  }
});
