import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { seedPlan } from './support-lock';
test('x', async () => {
  const plan = await seedPlan('gunma-2020');
  await writeWorkbookFile(buildWorkbookLayout(plan, undefined, { lock: { year: 'R3' } }), '/tmp/x/a.xlsx');
  await recalculate('/tmp/x/a.xlsx', '/tmp/x/out');
}, 100000);
