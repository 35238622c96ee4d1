// The bounded loader: broken, hostile or absurd files are refused with a message naming the file,
// before exceljs (or memory) is at risk; good files load, without their data-validation rules.
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { auditWorkbook } from '../../src/audit/file';
import { DEFAULT_LIMITS, openWorkbook, readWorkbookBytes, readWorkbookEntries, UnreadableWorkbookError, type UnreadableReason } from '../../src/xlsx/safe-load';
import { brokenFiles, makeFixture, withWholeColumnValidation, type Fixture } from './support';
import { addMerges, makeFifo, smallMerges, withSheetXml } from '../support/hostile';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import { writeWorkbookBuffer } from '../../src/xlsx/write';

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

  test('an absurd merged range names the sheet', async () => {
    const file = await withSheetXml(fx.recalculated, path.join(fx.dir, 'far-merge.xlsx'), (x) => addMerges(x, ['A1:XFD1048576']));
    const e = await refusal(file);
    expect(e.reason).toBe('dimension');
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

describe('what exceljs would expand or hold is bounded (limits in LoadLimits)', () => {
  const sheet2 = (name: string, change: (xml: string) => string) => withSheetXml(fx.recalculated, path.join(fx.dir, name), change);

  test('one merged range covering 100 million cells, and 5,000 small merges, are refused before exceljs', async () => {
    const huge = await refusal(await sheet2('huge-merge.xlsx', (x) => addMerges(x, ['B100:ALL99999'])));
    expect([huge.reason, huge.sheet]).toEqual(['too-complex', fx.layout.sheets[1].name]);
    expect(huge.en).toMatch(/too many merged cells \(99,\d{3},\d{3}; limit 100,000\)/);
    const many = await refusal(await sheet2('many-merges.xlsx', (x) => addMerges(x, smallMerges(5000))));
    expect(many.reason).toBe('too-complex');
    expect(many.en).toMatch(/too many merged ranges \(2,001; limit 2,000\)/);
    // The workbook-wide limits, lowered: merged cells and all cells.
    expect((await refusal(fx.recalculated, { maxMergedCells: 1000 })).en).toMatch(/merged cells in the workbook/);
    expect((await refusal(fx.recalculated, { maxCells: 5000 })).en).toMatch(/too many cells/);
  });

  test('shared strings and cell formats are counted', async () => {
    expect((await refusal(fx.recalculated, { maxSharedStrings: 10 })).en).toMatch(/too many shared strings/);
    expect((await refusal(fx.recalculated, { maxStyles: 3 })).en).toMatch(/too many cell formats/);
  });

  test('an empty far row (LibreOffice after a deleted row), a far dimension, wide <col> and spans load', async () => {
    const file = await sheet2('libreoffice-like.xlsx', (x) =>
      x
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:AG1048576"/>')
        .replace('</sheetData>', '<row r="1048576" customFormat="false" ht="12.8" hidden="false"></row><row r="1048575"/></sheetData>')
        .replace(/<row r="1"( |>)/, '<row r="1" spans="1:16384"$1')
        .replace(/<cols>/, '<cols><col min="900" max="1000000000" width="9" customWidth="1"/><col min="2000" max="16384" hidden="1"/>'),
    );
    const entries = await readWorkbookEntries(file);
    const xml = entries.get('xl/worksheets/sheet2.xml')!.toString('utf8');
    expect(xml).not.toMatch(/r="104857[56]"|A1:AG1048576|1000000000|spans="1:16384"|min="2000"/);
    const wb = await openWorkbook(file);
    expect(wb.worksheets[1].rowCount).toBeLessThan(1000);
    expect(wb.worksheets[1].columns.length).toBeLessThanOrEqual(1000);
    // A far row that holds a cell is content, and is refused.
    const full = await sheet2('far-cell.xlsx', (x) => x.replace('</sheetData>', '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'));
    expect((await refusal(full)).en).toMatch(/a row number \(1048576\)/);
  });

  test('a FIFO and a link to /dev/zero are refused before a byte is read, saying what they are', async () => {
    const fifo = makeFifo(path.join(fx.dir, 'pipe.xlsx'));
    const e = await refusal(fifo);
    expect([e.reason, e.en]).toEqual(['not-a-file', 'not a regular file (a named pipe (FIFO))']);
    const zero = path.join(fx.dir, 'zero.xlsx');
    await fs.symlink('/dev/zero', zero);
    expect((await refusal(zero)).en).toMatch(/a device/);
    // A link to a regular file is fine.
    const link = path.join(fx.dir, 'link.xlsx');
    await fs.symlink(fx.recalculated, link);
    expect((await openWorkbook(link)).worksheets.length).toBe(fx.layout.sheets.length);
  });

  test("library English stays out of the Japanese text (a truncated zip's jszip message is only in `en`)", async () => {
    const e = await refusal(broken.truncated);
    expect(e.ja).not.toMatch(/[A-Za-z]{4,}/);
    expect(e.en).toMatch(/damaged or truncated/);
  });
});

test('the default limits pass the largest real input: a 300-item plan in the two heaviest layouts', async () => {
  const items = Array.from({ length: 300 }, (_, i) => ({ ...fx.plan.items[i % fx.plan.items.length], id: `x${i}`, no: i + 1 }));
  for (const layout of ['gunma-dx', 'outline'] as const) {
    const bytes = await writeWorkbookBuffer(buildWorkbookLayout({ ...fx.plan, items }, undefined, { layout }));
    const entries = await readWorkbookBytes(`300-${layout}.xlsx`, bytes);
    expect(entries.size).toBeGreaterThan(300);
    // … with room to spare: a quarter of the cell limit refuses it (it holds about 560,000 cells and merged cells).
    await expect(readWorkbookBytes('x.xlsx', bytes, { maxCells: DEFAULT_LIMITS.maxCells / 4 })).rejects.toThrow(/too many cells/);
  }
}, 120_000);
