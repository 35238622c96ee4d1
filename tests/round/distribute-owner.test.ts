// The per-KPI owner (Kpi.owner, 担当所属) is part of the plan file and survives generate → export on every
// layout that has KPIs: it travels in the hidden metadata like the other fields the sheets do not show.
import { promises as fs } from 'fs';
import * as path from 'path';
import { loadPlanFile } from '../../src/cli/plan-file';
import { parsePlan } from '../../src/model/validate';
import { REPO } from '../support/plans';
import { hyoka, tempDir } from '../cli/support';

const SEEDS = ['gunma-2020.json', 'gunma-dx-2021.json', 'saitama-2020.json', 'yamagata-2021.json'];

test('the plan model accepts an owner on a KPI and refuses an empty one', async () => {
  const plan = JSON.parse(await fs.readFile(path.join(REPO, 'seeds', 'gunma-2020.json'), 'utf8'));
  plan.items[0].kpis[0].owner = '会計管理課';
  const parsed = parsePlan(plan);
  expect(parsed.ok && parsed.plan.items[0].kpis[0].owner).toBe('会計管理課');
  plan.items[0].kpis[0].owner = '';
  expect(parsePlan(plan).ok).toBe(false);
});

test.each(SEEDS)('%s: every KPI owner survives generate → export', async (seed) => {
  const dir = await tempDir('hyoka-owner-');
  const plan = await loadPlanFile(path.join(REPO, 'seeds', seed));
  const kpis = plan.items.flatMap((item) => item.kpis);
  expect(kpis.length).toBeGreaterThan(1);
  kpis.forEach((k, i) => {
    if (i % 2 === 0) k.owner = `担当${i}課`;
  });
  const source = path.join(dir, 'plan.json');
  await fs.writeFile(source, JSON.stringify(plan));
  const workbook = path.join(dir, 'plan.xlsx');
  const back = path.join(dir, 'back.json');
  expect((await hyoka(['generate', source, '-o', workbook])).code).toBe(0);
  expect((await hyoka(['export', workbook, '-o', back])).code).toBe(0);
  const exported = await loadPlanFile(back);
  const owners = (p: typeof plan) =>
    p.items.flatMap((item) => item.kpis.map((k) => `${item.id}/${k.no}:${k.owner ?? '-'}`));
  expect(owners(exported)).toEqual(owners(plan));
});
