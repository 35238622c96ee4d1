// The command line as a user meets it: exit codes, messages that name the place, nothing written
// on bad input, and the JSON contracts (evaluate --json, schema).
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../src/cli/main';
import { REPO, BUNDLED } from './support/plans';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'hyoka', ...args], (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-cli-'));
});

describe('generate', () => {
  test('with no plan file: the bundled Gunma plan', async () => {
    const out = path.join(dir, 'gunma.xlsx');
    const r = await run('generate', '-o', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('30 実施項目');
    expect((await fs.stat(out)).size).toBeGreaterThan(50000);
  });

  test('an invalid plan: every problem with its JSON path in Japanese and English, exit 2, nothing written', async () => {
    const plan = JSON.parse(await fs.readFile(BUNDLED, 'utf8'));
    plan.items[0].kpis[0].direction = 'up';
    delete plan.items[3].title;
    plan.items[1].kpis[0].colour = 'red';
    const bad = path.join(dir, 'bad.json');
    await fs.writeFile(bad, JSON.stringify(plan));
    const out = path.join(dir, 'bad.xlsx');
    const r = await run('generate', bad, '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.items[0].kpis[0].direction');
    expect(r.err).toContain('"higher", "lower", "qualitative"');
    expect(r.err).toContain('$.items[3].title');
    expect(r.err).toContain('必須の項目がありません');
    expect(r.err).toContain('$.items[1].kpis[0]: 不明な項目です: colour');
    expect(r.err).toContain('nothing was written');
    await expect(fs.stat(out)).rejects.toThrow();
  });

  test('cross-field problems: unknown year, repeated id', async () => {
    const plan = JSON.parse(await fs.readFile(BUNDLED, 'utf8'));
    plan.items[2].kpis[0].targets.R9 = 5;
    plan.items[5].id = plan.items[4].id;
    const bad = path.join(dir, 'bad2.json');
    await fs.writeFile(bad, JSON.stringify(plan));
    const r = await run('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('$.items[2].kpis[0].targets.R9: 年度 R9 は計画の年度');
    expect(r.err).toMatch(/\$\.items\[5\]\.id: 実施項目の id「.+」が items\[4\] と重複しています/);
  });

  test('broken JSON: line and column', async () => {
    const bad = path.join(dir, 'broken.json');
    await fs.writeFile(bad, '{\n  "version": 1,\n  "plan": {,}\n}');
    const r = await run('validate', bad);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/3行 \d+列/);
    expect(r.err).toMatch(/line 3, column \d+/);
  });

  test('a missing file and a wrong output extension are named', async () => {
    expect((await run('generate', path.join(dir, 'nope.json'), '-o', path.join(dir, 'x.xlsx'))).err).toContain('nope.json');
    const r = await run('generate', '-o', path.join(dir, 'x.pdf'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('.xlsx');
  });
});

describe('export and evaluate', () => {
  test('export(generate(plan)) writes a valid plan that evaluates the same', async () => {
    const xlsx = path.join(dir, 'rt.xlsx');
    const json = path.join(dir, 'rt.json');
    expect((await run('generate', '-o', xlsx)).code).toBe(0);
    expect((await run('export', xlsx, '-o', json)).code).toBe(0);
    const fromPlan = JSON.parse((await run('evaluate', BUNDLED, '--json')).out);
    const fromExport = JSON.parse((await run('evaluate', json, '--json')).out);
    const fromWorkbook = JSON.parse((await run('evaluate', xlsx, '--json')).out, (key, value) => (key === 'cell' ? undefined : value));
    expect(fromExport).toEqual(fromPlan);
    expect(fromWorkbook).toEqual(fromPlan);
  });

  test('evaluate --json keeps the contract names', async () => {
    const r = await run('evaluate', BUNDLED, '--json');
    const j = JSON.parse(r.out);
    const first = j.items[0];
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['id', 'title', 'kpis', 'counts']));
    expect(first.kpis[0]).toMatchObject({ no: 1, name: '行政手続電子化率', direction: 'higher' });
    expect(first.kpis[0].years.R2).toMatchObject({ target: 14.1, actual: 8.3, display: '59%', achieved: false });
    expect(first.kpis[0].years.R2.rate).toBeCloseTo(58.865, 3);
    expect(first.counts.R2).toMatchObject({ achieved: 1, evaluated: 3 });
    expect(first.counts.R6).toBeNull();
  });

  test('evaluate prints a readable table', async () => {
    const r = await run('evaluate', BUNDLED);
    expect(r.code).toBe(0);
    expect(r.out).toContain('実施項目 (1) 電子申請受付システム、マイナンバーカード活用');
    expect(r.out).toMatch(/達成件数\s+1 \/ 3\s+1 \/ 3\s+2 \/ 3/);
    expect((await run('evaluate', BUNDLED, '--lang', 'en')).out).toContain('achieved');
  });

  test('a number typed as text in a workbook is reported with its sheet and cell', async () => {
    // validate refuses a text actual in a plan file (the engine cannot evaluate it): the clerk types it into the sheet.
    const xlsx = path.join(dir, 'text.xlsx');
    expect((await run('generate', '-o', xlsx)).code).toBe(0);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    book.getWorksheet('(1)電子申請受付システム、マイナンバーカード活用')!.getCell('K14').value = '28.3％';
    await book.xlsx.writeFile(xlsx);
    const table = await run('evaluate', xlsx);
    expect(table.out).toMatch(/① R3 '\(1\)電子申請受付システム、マイナンバーカード活用'!K14: 「28\.3％」は文字列です。数値（28\.3）として入力してください/);
    const json = JSON.parse((await run('evaluate', xlsx, '--json')).out);
    expect(json.items[0].kpis[0].years.R3).toMatchObject({ status: 'invalid', achieved: null, cell: { actual: 'K14' } });
    expect(json.items[0].counts.R3).toMatchObject({ achieved: 1, evaluated: 2, missing: 1 });
  });

  test('a workbook that is not an evaluation workbook is refused with its name', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const file = path.join(dir, 'other.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run('export', file, '-o', path.join(dir, 'other.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('other.xlsx');
    expect(r.err).toContain('hyoka の評価ワークブックではありません');
    await expect(fs.stat(path.join(dir, 'other.json'))).rejects.toThrow();
  });
});

test('schema: the committed JSON Schema is what `hyoka schema` prints', async () => {
  const r = await run('schema');
  const schema = JSON.parse(r.out);
  expect(schema.properties.items.items.properties.kpis).toBeDefined();
  expect(schema.properties.version.const).toBe(1);
  expect(JSON.parse(await fs.readFile(path.join(REPO, 'schema', 'plan-v1.schema.json'), 'utf8'))).toEqual(schema);
});
