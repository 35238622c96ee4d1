// The bounded loader: broken, hostile or absurd files are refused with a message naming the file,
// before exceljs (or memory) is at risk; good files load, without their data-validation rules.
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { auditWorkbook } from '../../src/audit/file';
import { openWorkbook, readWorkbookEntries, UnreadableWorkbookError, type UnreadableReason } from '../../src/xlsx/safe-load';
import { brokenFiles, makeFixture, withWholeColumnValidation, type Fixture } from './support';

let fx: Fixture;
let broken: Awaited<ReturnType<typeof brokenFiles>>;
beforeAll(async () => {
  fx = await makeFixture('hyoka-safe-load-');
  broken = await brokenFiles(fx);
}, 180_000);
afterAll(async () => {
  if (fx) await fs.rm(fx.dir, { recursive: true, force: true });
});

async function refusal(file: string, limits = {}): Promise<UnreadableWorkbookError> {
  try {
    await openWorkbook(file, limits);
  } catch (e) {
    if (e instanceof UnreadableWorkbookError) return e;
    throw e;
  }
  throw new Error(`${file} was not refused`);
}

describe('refused, with the file named and the reason in Japanese and English', () => {
  const cases: [keyof Awaited<ReturnType<typeof brokenFiles>>, UnreadableReason, RegExp][] = [
    ['truncated', 'corrupt', /truncated|damaged/],
    ['text', 'not-a-zip', /text file/],
    ['empty', 'not-a-zip', /empty/],
    ['ole', 'encrypted', /password-protected workbooks cannot be read/],
    ['bomb', 'bomb', /decompression bomb/],
    ['lyingBomb', 'bomb', /decompression bomb/],
    ['dimension', 'dimension', /A1:XFD1048576/],
    ['notWorkbook', 'not-a-workbook', /not an Excel workbook/],
  ];
  test.each(cases)('%s → %s', async (name, reason, en) => {
    const file = broken[name];
    const e = await refusal(file);
    expect(e.reason).toBe(reason);
    expect(e.file).toBe(file);
    expect(e.message).toContain(file);
    expect(e.en).toMatch(en);
    expect(e.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    // The audit reports the same, never throws.
    const a = await auditWorkbook(file);
    expect(a.status).toBe('unreadable');
    expect(a.problems).toEqual([expect.objectContaining({ kind: 'unreadable', file, reason, ja: e.ja, en: e.en })]);
  });

  test('the huge dimension names the sheet', async () => {
    const e = await refusal(broken.dimension);
    expect(e.sheet).toBe(fx.layout.sheets[1].name);
    expect(e.ja).toContain(fx.layout.sheets[1].name);
  });

  test('the forged bomb is stopped while inflating, early', async () => {
    const before = process.memoryUsage().rss;
    const e = await refusal(broken.lyingBomb);
    expect(e.entry).toBe('xl/worksheets/sheet2.xml');
    expect(e.en).toMatch(/inflates absurdly/);
    // 64 MB of zeros were never held: inflation stopped once past 200 × the compressed size (13 MB).
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  test('an absurd merged range, rows past the limit, a file over the size limit, a missing file', async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(fx.recalculated));
    const xml = await zip.file('xl/worksheets/sheet3.xml')!.async('string');
    zip.file('xl/worksheets/sheet3.xml', xml.replace(/(<mergeCells[^>]*>)/, '$1<mergeCell ref="A1:XFD1048576"/>'));
    const merged = path.join(fx.dir, 'merged.xlsx');
    await fs.writeFile(merged, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await refusal(merged)).en).toMatch(/merged range \(A1:XFD1048576\)/);

    expect((await refusal(fx.recalculated, { maxRows: 40 })).reason).toBe('dimension');
    expect((await refusal(fx.recalculated, { maxFileBytes: 1000 })).reason).toBe('too-large');
    expect((await refusal(fx.recalculated, { maxEntries: 5 })).reason).toBe('bomb');
    expect((await refusal(fx.recalculated, { maxUncompressedBytes: 100_000 })).reason).toBe('bomb');
    const missing = path.join(fx.dir, 'nowhere.xlsx');
    expect((await refusal(missing)).reason).toBe('not-found');
    expect((await refusal(fx.dir)).reason).toBe('not-a-file');
  });
});

describe('good files load', () => {
  test('the generated and the recalculated workbook, with every sheet and value', async () => {
    for (const file of [fx.generated, fx.recalculated]) {
      const wb = await openWorkbook(file);
      expect(wb.worksheets.map((w) => w.name)).toEqual(fx.layout.sheets.map((s) => s.name));
    }
  });

  test('data-validation rules are stripped (a whole-column rule would be a million entries)', async () => {
    const file = await withWholeColumnValidation(fx, 'validation.xlsx');
    const entries = await readWorkbookEntries(file);
    expect(entries.get('xl/worksheets/sheet2.xml')!.toString('utf8')).not.toContain('dataValidation');
    const wb = await openWorkbook(file);
    const model = (wb.worksheets[1] as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(Object.keys(model)).toHaveLength(0);
  });

  test('texts survive the latin1 round trip byte for byte (Japanese sheet names and cells)', async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(fx.recalculated));
    const entries = await readWorkbookEntries(fx.recalculated);
    const original = await zip.file('xl/worksheets/sheet1.xml')!.async('nodebuffer');
    expect(entries.get('xl/worksheets/sheet1.xml')!.toString('utf8').replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/g, '')).toBe(
      original.toString('utf8').replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/g, ''),
    );
    expect(entries.get('xl/sharedStrings.xml') ?? entries.get('xl/workbook.xml')).toBeDefined();
  });
});
