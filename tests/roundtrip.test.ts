// export(generate(plan)) equals plan for everything the sheet holds: the bundled plan, a plan as
// clerks fill it, and random valid plans (fast-check).
import fc from 'fast-check';
import { Plan } from '../src/model/plan';
import { parsePlan } from '../src/model/validate';
import { buildWorkbookLayout } from '../src/layout/workbook';
import { writeWorkbookBuffer } from '../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../src/xlsx/read';
import { bundledPlan, fillActuals } from './support/plans';
import { canonical } from './support/canonical';
import { randomPlan } from './support/arbitraries';


async function roundTrip(plan: Plan): Promise<Plan> {
  const buffer = await writeWorkbookBuffer(buildWorkbookLayout(plan));
  return workbookToPlan(await loadWorkbook(buffer), 'roundtrip.xlsx');
}

describe('export(generate(plan)) = plan', () => {
  test('the bundled Gunma 2020–2024 plan', async () => {
    const plan = await bundledPlan();
    const back = await roundTrip(plan);
    expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
  });

  test('the bundled plan after clerks typed R5/R6 actuals', async () => {
    const plan = fillActuals(await bundledPlan(), 7);
    expect(canonical(await roundTrip(plan))).toEqual(canonical(plan));
  });

  test('text that looks like a formula stays text', async () => {
    const plan = await bundledPlan();
    plan.items[0].situation = '=HYPERLINK("http://example.invalid","x")';
    plan.items[0].evaluations.R2 = { factors: '+1+2', nextYearIssues: '-3', response: '@SUM(A1)' };
    const back = await roundTrip(plan);
    expect(back.items[0].situation).toBe(plan.items[0].situation);
    expect(back.items[0].evaluations.R2).toEqual(plan.items[0].evaluations.R2);
  });
});

test('random valid plans survive generate → export', async () => {
  await fc.assert(
    fc.asyncProperty(randomPlan, async (input) => {
      const parsed = parsePlan(input);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const back = await roundTrip(parsed.plan);
      expect(canonical(Plan.parse(back))).toEqual(canonical(parsed.plan));
    }),
    { numRuns: 40 },
  );
});
