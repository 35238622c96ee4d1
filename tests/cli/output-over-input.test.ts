// An output never replaces an input, in any command that writes: the same name, another spelling of it,
// a symbolic link or a hard link to it are all refused before any work, with exit 2, a message in
// Japanese and English naming the file, and the input left byte for byte as it was. In an input folder,
// only a report hyoka wrote (or an empty file) may be replaced by the output.
import { promises as fs } from 'fs';
import * as path from 'path';
import { BUNDLED } from '../support/plans';
import { hyoka, tempDir, expectNoStack, type Run } from './support';

let dir: string;
let workbook: Buffer;
let plan: Buffer;

beforeAll(async () => {
  dir = await tempDir('hyoka-over-');
  const made = path.join(dir, 'made.xlsx');
  expect((await hyoka(['generate', BUNDLED, '-o', made])).code).toBe(0);
  workbook = await fs.readFile(made);
  plan = await fs.readFile(BUNDLED);
});

/** A fresh folder with department workbooks a.xlsx, b.xlsx and the plan plan.json. */
async function folder(): Promise<string> {
  const d = await tempDir('hyoka-over-case-');
  await fs.writeFile(path.join(d, 'a.xlsx'), workbook);
  await fs.writeFile(path.join(d, 'b.xlsx'), workbook);
  await fs.writeFile(path.join(d, 'plan.json'), plan);
  return d;
}

/** Refused with exit 2, naming `output`, both languages, no stack; `input` still holds `original`; nothing done. */
async function expectRefused(run: Promise<Run>, output: string, input: string, original: Buffer) {
  const r = await run;
  expect(r.code).toBe(2);
  expect(r.err).toContain(output);
  expect(r.err).toContain('出力先が入力ファイルです');
  expect(r.err).toContain('the output is an input');
  expectNoStack(r.err);
  expect((await fs.readFile(input)).equals(original)).toBe(true);
  // Refused before any work: no temporary file, no report line.
  expect((await fs.readdir(path.dirname(input))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  expect(r.out).toBe('');
}

describe.each([
  ['consolidate'],
  ['audit'],
])('%s a.xlsx b.xlsx -o …', (command) => {
  const args = (d: string, out: string) => [command, path.join(d, 'a.xlsx'), path.join(d, 'b.xlsx'), '-o', out];
  test('-o a.xlsx (the same name) is refused, a.xlsx unchanged', async () => {
    const d = await folder();
    const a = path.join(d, 'a.xlsx');
    await expectRefused(hyoka(args(d, a)), a, a, workbook);
  });

  test('-o ./sub/../a.xlsx, relative (another spelling) is refused', async () => {
    const d = await folder();
    await fs.mkdir(path.join(d, 'sub'));
    const other = path.relative(process.cwd(), path.join(d, 'sub', '..', 'a.xlsx'));
    const spelled = `./${other.split(path.sep).join('/')}`;
    await expectRefused(hyoka(args(d, spelled)), 'a.xlsx', path.join(d, 'a.xlsx'), workbook);
  });

  test('-o a symbolic link to b.xlsx, or a hard link to it, is refused', async () => {
    const d = await folder();
    await fs.symlink(path.join(d, 'b.xlsx'), path.join(d, 'soft.xlsx'));
    await fs.link(path.join(d, 'b.xlsx'), path.join(d, 'hard.xlsx'));
    await expectRefused(hyoka(args(d, path.join(d, 'soft.xlsx'))), 'soft.xlsx', path.join(d, 'b.xlsx'), workbook);
    await expectRefused(hyoka(args(d, path.join(d, 'hard.xlsx'))), 'hard.xlsx', path.join(d, 'b.xlsx'), workbook);
  });

  test('the folder as input and -o one of its workbooks is refused', async () => {
    const d = await folder();
    await expectRefused(hyoka([command, d, '-o', path.join(d, 'b.xlsx')]), 'b.xlsx', path.join(d, 'b.xlsx'), workbook);
  });
});

test('consolidate: the folder as input, -o a new name in it: written, and read as an input by nobody', async () => {
  const d = await folder();
  const r = await hyoka(['consolidate', d, '-o', path.join(d, 'summary.xlsx')]);
  expect(r.code).toBe(0);
  // Run again: the summary is a hyoka report, skipped as an input and replaced.
  const again = await hyoka(['consolidate', d, '-o', path.join(d, 'summary.xlsx'), '--json']);
  expect(again.code).toBe(0);
  expect(JSON.parse(again.out).files.map((f: { file: string }) => path.basename(f.file))).toEqual(['a.xlsx', 'b.xlsx']);
  expect((await fs.readFile(path.join(d, 'a.xlsx'))).equals(workbook)).toBe(true);
});

test('audit: a report written into the input folder is replaced by the next run, not audited', async () => {
  const d = await folder();
  expect((await hyoka(['audit', d, '-o', path.join(d, 'report.xlsx')])).code).toBeLessThan(2);
  const again = await hyoka(['audit', d, '-o', path.join(d, 'report.xlsx'), '--json']);
  expect(again.code).toBeLessThan(2);
  expect(again.out).not.toContain('report.xlsx');
});

test('export a.xlsx -o a.xlsx, or -o a link to it: refused, the workbook unchanged', async () => {
  const d = await folder();
  const a = path.join(d, 'a.xlsx');
  await expectRefused(hyoka(['export', a, '-o', a]), a, a, workbook);
  await fs.symlink(a, path.join(d, 'a.json'));
  await expectRefused(hyoka(['export', a, '-o', path.join(d, 'a.json')]), 'a.json', a, workbook);
});

test('generate plan -o a link to the plan (or --pdf onto it): refused, the plan unchanged', async () => {
  const d = await folder();
  const p = path.join(d, 'plan.json');
  await fs.symlink(p, path.join(d, 'plan.xlsx'));
  await expectRefused(hyoka(['generate', p, '-o', path.join(d, 'plan.xlsx')]), 'plan.xlsx', p, plan);
  await fs.link(p, path.join(d, 'copy.pdf'));
  await expectRefused(hyoka(['generate', p, '-o', path.join(d, 'copy.xlsx'), '--pdf']), 'copy.pdf', p, plan);
});
