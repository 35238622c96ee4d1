// seeds/saitama-2020.json: the whole 埼玉県行財政改革行動計画 transcribed from seed 000.
import { promises as fs } from 'fs';
import { parsePlan } from '../../src/model/validate';
import { evaluatePlan } from '../../src/rules/evaluate';
import { saitamaPlan, SAITAMA } from './support';

test('the seed validates and holds all 62 取組項目 under 3 方向性 and 18 分類', async () => {
  const parsed = parsePlan(JSON.parse(await fs.readFile(SAITAMA, 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems, null, 2));
  const plan = parsed.plan;
  expect(plan.plan).toMatchObject({ id: 'saitama-2020', prefecture: '埼玉県', layout: 'saitama-action', baseYear: 'R1', years: ['R2', 'R3', 'R4'] });
  expect(plan.items).toHaveLength(62);
  expect(plan.items.map((i) => i.no)).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
  expect(new Set(plan.items.map((i) => i.id)).size).toBe(62);
  expect(new Set(plan.items.map((i) => i.goal.no))).toEqual(new Set([1, 2, 3]));
  expect(plan.goals?.flatMap((g) => g.policies)).toHaveLength(18);
  // Every 分類 but 1-2⑶ (再掲) has items; direction ３ has no section.
  expect(new Set(plan.items.map((i) => i.reform.no)).size).toBe(17);
  expect(plan.items.filter((i) => i.goal.no === 3).every((i) => i.section === undefined)).toBe(true);
  expect(plan.items.filter((i) => i.goal.no !== 3).every((i) => i.section !== undefined && i.reform.code !== undefined)).toBe(true);
  // The plan sets targets only.
  expect(plan.items.every((i) => i.kpis.every((k) => Object.keys(k.actuals).length === 0))).toBe(true);
});

test('the 目標 patterns of SOURCE-LAYOUTS §2 are all represented', async () => {
  const plan = await saitamaPlan();
  const item = (no: number) => plan.items.find((i) => i.no === no)!;
  const kpis = plan.items.flatMap((i) => i.kpis);
  // 1. numbered targets per year; 2. grouped bullets
  expect(item(1).kpis[0]).toMatchObject({ name: 'ＲＰＡ 導入業務数', unit: '業務／年', baseline: 15, targets: { R2: 50, R3: 55, R4: 60 } });
  expect(item(3).kpis.map((k) => k.group)).toEqual(['１ 県民向けシステム（埼玉コンシェルジュ）', '１ 県民向けシステム（埼玉コンシェルジュ）', '２ 庁内向けシステム（ヘルプデスクＡＩ）']);
  // 3. a range target, the same every year, with a note
  expect(item(3).kpis[1]).toMatchObject({ targets: { R2: 80, R3: 80, R4: 80 }, notes: expect.stringContaining('80％の維持') });
  // 4. text phases; 5. qualitative statements
  expect(item(6).kpis[0]).toMatchObject({ direction: 'qualitative', targets: { R2: '業務システム等最適化計画の策定', R4: '業務システムの開発' } });
  expect(item(11).kpis[0].direction).toBe('qualitative');
  // 6. zero targets with no year (lower is better); 17. No.14, 15, 18, 21 lower
  for (const no of [14, 15, 18, 21]) expect(item(no).kpis[0].direction).toBe('lower');
  expect(item(14).kpis[0].targets).toEqual({ R2: 0, R3: 0, R4: 0 });
  // 7. final-year-only targets
  expect(item(21).kpis[0].targets).toEqual({ R4: 0.76 });
  expect(item(47).kpis[1].targets).toEqual({ R3: 3, R4: 6 });
  // 8. period totals and averages; 9. open-ended starts
  expect(item(8).kpis[0].periodTarget).toMatchObject({ kind: 'total', from: 'R2', to: 'R4', value: 200 });
  expect(item(57).kpis[1].periodTarget).toMatchObject({ kind: 'average', value: 23000 });
  expect(item(60).kpis[0].periodTarget).toMatchObject({ kind: 'openEnded', from: 'R2', value: 137 });
  expect(item(61).kpis[1].periodTarget).toMatchObject({ kind: 'openEnded', from: 'R3', value: 137 });
  // 10. beyond the plan period
  expect(item(12).kpis[2].finalTarget?.year).toBe('R7');
  expect(item(15).kpis[1].finalTarget?.year).toBe('R5');
  expect(item(54).kpis[0].finalTarget).toMatchObject({ year: 'R6', value: 3 });
  // 12. a compound cell split into flow and stock; 16. cumulative stock
  expect(item(22).kpis.filter((k) => k.unit === '名').map((k) => k.targets)).toEqual([{ R2: 5, R3: 5, R4: 5 }, { R2: 14, R3: 19, R4: 24 }]);
  expect(item(41).kpis[1]).toMatchObject({ cumulative: true, baseline: 8477 });
  // 13/15. value-first order and other current values
  expect(item(25).kpis[0]).toMatchObject({ baseline: 85.7, baselineYear: 'H30' });
  // 14. text instead of a number
  expect(item(3).kpis[0].baseline).toBe('システム構築');
  expect(item(10).kpis[1].targets.R4).toBe('ほぼ全県民');
  // Revisions (令和４年３月見直し): 7 items, the old values kept on the KPIs.
  expect(plan.items.filter((i) => i.revisions).map((i) => i.no)).toEqual([1, 3, 4, 5, 10, 12, 40]);
  expect(item(1).kpis[2].revisions).toEqual([expect.objectContaining({ year: 'R4', before: 550, after: 700 })]);
  expect(kpis.length).toBeGreaterThan(100);
});

test('the engine reads every numeric target as a number (none is silently text)', async () => {
  const plan = await saitamaPlan();
  const result = evaluatePlan(plan);
  const textTargets: string[] = [];
  plan.items.forEach((item, i) =>
    item.kpis.forEach((kpi, k) => {
      if (kpi.direction === 'qualitative') return;
      for (const y of plan.plan.years) {
        const t = result.items[i].kpis[k].years[y].target;
        if (typeof t === 'string') textTargets.push(`No.${item.no} ${kpi.no} ${y} ${t}`);
      }
    }),
  );
  expect(textTargets).toEqual(['No.10 2 R4 ほぼ全県民']);
});
