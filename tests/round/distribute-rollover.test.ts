// Rolling over: a plan of record with R5 filled in, distributed for R6. R5 is sent as the record has it
// and frozen (the fingerprint covers it: a changed R5 response is a change, a typed R6 one is not), and R5's
// 課題を踏まえての対応 is on the department's sheet in the R5 column of the response row — beside the R6
// cell it fills, as its starting point — while the R6 cell stays empty (never pre-typed). A record with R5
// gaps is sent with a note naming the items whose blanks are frozen.
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { fingerprintOf } from '../../src/round/stamp';
import { loadWorkbook } from '../../src/xlsx/read';
import { BUNDLED } from '../support/plans';
import { hyoka, tempDir } from '../cli/support';
import { readDistribution, smallPlan } from './support-distribute';

/** R5 as the departments returned it: every R5 actual, and the three texts. */
function recordR5(plan: Plan): Plan {
  const record: Plan = structuredClone(plan);
  for (const item of record.items) {
    for (const k of item.kpis) {
      const t = k.targets.R5;
      if (t !== undefined) k.actuals.R5 = k.direction === 'qualitative' ? '達成' : typeof t === 'number' ? t : 1;
    }
    item.evaluations.R5 = { factors: `要因 ${item.no}`, nextYearIssues: `課題 ${item.no}`, response: `R5 の対応 ${item.no}` };
  }
  return record;
}

test('distribute record-R5 --year R6: R5 frozen as recorded, its response shown beside the open R6 cell', async () => {
  const record = recordR5(smallPlan(await loadPlanFile(BUNDLED), 3));
  const dir = await tempDir('hyoka-rollover-');
  const file = path.join(dir, 'record-R5.json');
  await fs.writeFile(file, JSON.stringify(record));
  const out = path.join(dir, '配布R6');
  const r = await hyoka(['distribute', file, '--year', 'R6', '-o', out]);
  expect(r.code).toBe(0);
  expect(r.err).not.toContain('前年度');
  const { register, files } = await readDistribution(out);
  expect(register.year).toBe('R6');
  for (const [i, entry] of register.entries.entries()) {
    const back = files[i].plan;
    for (const item of back.items) {
      const sent = record.items.find((x) => x.id === item.id)!;
      expect(item.evaluations.R5).toEqual(sent.evaluations.R5);
      expect(item.kpis.map((k) => k.actuals.R5)).toEqual(sent.kpis.map((k) => k.actuals.R5));
      expect(item.evaluations.R6).toBeUndefined();
    }
    expect(fingerprintOf(back, 'R6')).toBe(entry.fingerprint);
    const typed = structuredClone(back);
    typed.items[0].evaluations.R6 = { response: 'R6 の対応' };
    expect(fingerprintOf(typed, 'R6')).toBe(entry.fingerprint);
    const rewritten = structuredClone(back);
    rewritten.items[0].evaluations.R5 = { ...rewritten.items[0].evaluations.R5, response: '書き換え' };
    expect(fingerprintOf(rewritten, 'R6')).not.toBe(entry.fingerprint);

    // On the sheet: the response row holds R5's text in the R5 column and nothing in R6's.
    const wb = await loadWorkbook(path.join(out, entry.file));
    const sheets = buildWorkbookLayout(entry.sent).sheets.filter((s) => s.kind === 'item');
    for (const [k, sheet] of sheets.entries()) {
      const { evaluationRows, yearCols } = sheet.anchors!;
      const ws = wb.getWorksheet(sheet.name)!;
      expect(ws.getCell(evaluationRows.response, yearCols.R5).value).toBe(`R5 の対応 ${entry.sent.items[k].no}`);
      expect(yearCols.R6).toBeGreaterThan(yearCols.R5);
      expect(ws.getCell(evaluationRows.response, yearCols.R6).value ?? null).toBeNull();
    }
  }
});

test('a record with R5 gaps: the note names the items whose blank R5 actuals are sent frozen', async () => {
  const record = recordR5(smallPlan(await loadPlanFile(BUNDLED), 3));
  const gap = record.items[1];
  const kpi = gap.kpis.find((k) => k.targets.R5 !== undefined)!;
  delete kpi.actuals.R5;
  const dir = await tempDir('hyoka-rollover-gap-');
  const file = path.join(dir, 'record-R5.json');
  await fs.writeFile(file, JSON.stringify(record));
  const r = await hyoka(['distribute', file, '--year', 'R6', '-o', path.join(dir, 'out')]);
  expect(r.code).toBe(0);
  expect(r.err).toContain(`前年度 R5 の実績が空欄の指標があります（実施項目 (${gap.no})）: 空欄のまま固定して配布します`);
  expect(r.err).toContain(`KPIs without an actual for R5 (item(s) (${gap.no})): sent frozen as blanks`);
});
