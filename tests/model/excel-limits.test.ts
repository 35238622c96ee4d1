// Excel's limits checked before anything is written (issue 9, point 8): a valid plan must not produce a file
// Excel has to repair. The checks run on the layout generate builds, so derived texts are the same strings.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { Plan } from '../../src/model/plan';
import { EXCEL_LIMITS } from '../../src/model/excel-limits';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { itemInput, kpiInput, pathsOf, planInput, problemsOf, type Json } from './fixture';

const withKpi = (extra: Json) => planInput({ items: [itemInput({ kpis: [kpiInput(extra)] })] });

describe('texts over Excel limits are refused at the plan field they come from', () => {
  test('a 40,000-character 現状 would be a 40,000-character cell', () => {
    const problems = problemsOf(planInput({ items: [itemInput({ situation: 'あ'.repeat(40000) })] }));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('$.items[0].situation');
    expect(problems[0].en).toContain(`is 40000 characters long (Excel allows ${EXCEL_LIMITS.cellText})`);
  });

  test('a long text that no cell shows (notes travel in the chunked metadata) is fine', () => {
    expect(problemsOf(planInput({ items: [itemInput({ notes: 'あ'.repeat(40000) })] }))).toEqual([]);
  });

  test('a 300-character unit makes a validation prompt over 255 characters', () => {
    const [p] = problemsOf(withKpi({ unit: '件'.repeat(300) }));
    expect(p.path).toBe('$.items[0].kpis[0].unit');
    expect(p.en).toContain(`the input message is`);
    expect(p.en).toContain(`(Excel allows ${EXCEL_LIMITS.validationMessage})`);
  });

  test('the words of a target make a number format over 255 characters', () => {
    const [p] = problemsOf(withKpi({ targets: { R2: `75${'件'.repeat(300)}` } }));
    expect(p.path).toBe('$.items[0].kpis[0].targets.R2');
    expect(p.en).toContain('the number format is');
  });

  test('the label of a relative target is a text in a formula: at most 255 characters', () => {
    const label = `前年度以上${'x'.repeat(300)}`;
    const [p] = problemsOf(withKpi({ targets: { R3: { relative: 'previousActual', label } } }));
    expect(p.path).toBe('$.items[0].kpis[0].targets.R3');
    expect(p.en).toContain('a text in the formula is');
  });

  test('every layout of the plan is checked: the DX sheet builds formats from the unit', () => {
    const items = [itemInput({ kpis: [kpiInput({ unit: '件'.repeat(300) })] })];
    const plan = planInput({ header: { layout: 'gunma-dx' }, items });
    expect(pathsOf(plan)).toContain('$.items[0].kpis[0].unit');
  });
});

test('the prompt validate measures is the one the written file holds', async () => {
  const data = withKpi({ unit: '件'.repeat(300) });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-limits-'));
  try {
    const file = path.join(dir, 'plan.xlsx');
    await fs.writeFile(file, await writeWorkbookBuffer(buildWorkbookLayout(Plan.parse(data))));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const prompts: string[] = [];
    book.eachSheet((ws) => {
      type Validations = { dataValidations: { model: Record<string, { prompt?: string }> } };
      const model = (ws as unknown as Validations).dataValidations.model;
      for (const v of Object.values(model)) if (v.prompt) prompts.push(v.prompt);
    });
    const longest = Math.max(...prompts.map((p) => p.length));
    expect(longest).toBeGreaterThan(EXCEL_LIMITS.validationMessage);
    const told = problemsOf(data).map((p) => p.en);
    expect(told).toContainEqual(expect.stringContaining(`the input message is ${longest} characters long`));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
