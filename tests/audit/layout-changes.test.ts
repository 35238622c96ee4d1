// Targets changed since generation on the other layouts' sheets (Saitama 取組項目, Gunma DX 個別取組票):
// the audit reports each at its cell, after a LibreOffice save (the cached rates follow the new target).
import { promises as fs } from 'fs';
import * as path from 'path';
import { auditWorkbook } from '../../src/audit/file';
import { loadPlanFile } from '../../src/cli/plan-file';
import { recalculate } from '../../src/xlsx/libreoffice';
import { REPO } from '../support/plans';
import { a1 } from '../../src/layout/a1';
import { makeSmall, removeSmall, typeInto, writeEdited, type Small } from '../read/support';

const made: Small[] = [];
afterAll(() => Promise.all(made.map(removeSmall)));

interface Lowered {
  s: Small;
  file: string;
  cell: string;
}

async function lowered(seed: string, itemIndex: number, no: number, year: string, value: number): Promise<Lowered> {
  const plan = await loadPlanFile(path.join(REPO, 'seeds', `${seed}.json`));
  const s = await makeSmall({ ...plan, items: [plan.items[itemIndex]] });
  made.push(s);
  const loc = s.anchors.kpis.find((k) => k.no === no)!;
  const col = s.anchors.yearCols[year];
  const edited = await writeEdited(s, `${seed}-lowered.xlsx`, typeInto(a1(loc.targetRow, col), value));
  const outDir = path.join(s.dir, 'lo');
  await fs.mkdir(outDir, { recursive: true });
  return { s, file: await recalculate(edited, outDir), cell: a1(loc.targetRow, col) };
}

test('Saitama: a yearly target lowered (① R3 55 → 30) is a target-changed finding at its cell', async () => {
  const { s, file, cell } = await lowered('saitama-2020', 0, 1, 'R3', 30);
  const a = await auditWorkbook(file);
  const changed = a.problems.filter((p) => p.kind === 'target-changed');
  const said = changed.map((p) => [p.sheet, p.cell, p.expected, p.found, p.kpi, p.year]);
  expect(said).toEqual([[s.sheet.name, cell, 55, 30, 1, 'R3']]);
});
