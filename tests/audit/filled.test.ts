// A workbook as clerks fill it (R5/R6 actuals typed: zeros, 「－」, misses near 100%, 達成/未達成) with a
// grading scale, recalculated by LibreOffice: the recalculation agrees with every rate, helper, grade and
// 達成件数, and the only findings are the actuals the filler typed into years without a target.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { auditWorkbook } from '../../src/audit/file';
import { bundledPlan, fillActuals } from '../support/plans';

test('filled by clerks, with grades, recalculated by LibreOffice: only actual-without-target, each where the plan has no target', async () => {
  const plan = fillActuals(await bundledPlan(), 2024);
  plan.plan.grading = [
    { label: 'S', minRate: 120 },
    { label: 'A', minRate: 100 },
    { label: 'B', minRate: 80 },
    { label: 'C', minRate: 0 },
  ];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-audit-filled-'));
  const file = path.join(dir, 'filled.xlsx');
  await fs.writeFile(file, await writeWorkbookBuffer(buildWorkbookLayout(plan)));
  const recalculated = await recalculate(file, path.join(dir, 'lo'));
  const blankTargets = plan.items.flatMap((item) =>
    item.kpis.flatMap((k) => plan.plan.years.filter((y) => k.targets[y] === undefined && k.actuals[y] !== undefined && k.actuals[y] !== '－' && !k.deleted).map((y) => `${item.id} ${k.no} ${y}`)),
  );
  expect(blankTargets.length).toBeGreaterThan(0);
  try {
    for (const f of [file, recalculated]) {
      const a = await auditWorkbook(f);
      expect(a.problems.map((p) => p.kind).filter((k) => k !== 'actual-without-target')).toEqual([]);
      expect(a.problems.map((p) => `${p.item} ${p.kpi} ${p.year}`).sort()).toEqual(blankTargets.sort());
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
