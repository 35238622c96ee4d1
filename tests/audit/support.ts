// Fixtures for the audit tests, made at test time (nothing binary is committed): the bundled plan's
// workbook recalculated by LibreOffice, copies tampered with exceljs as a clerk would, and broken files.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadPlanFile } from '../../src/cli/plan-file';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { ItemAnchors, WorkbookLayout } from '../../src/layout/types';
import { a1 } from '../../src/layout/a1';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { recalculate } from '../../src/xlsx/libreoffice';
import { BUNDLED } from '../support/plans';

export interface Fixture {
  dir: string;
  plan: Plan;
  layout: WorkbookLayout;
  /** As hyoka writes it (cached results from the engine). */
  generated: string;
  /** The same workbook after LibreOffice opened, recalculated and saved it. */
  recalculated: string;
}

export async function makeFixture(prefix = 'hyoka-audit-'): Promise<Fixture> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const plan = await loadPlanFile(BUNDLED);
  const layout = buildWorkbookLayout(plan);
  const generated = path.join(dir, 'gunma.xlsx');
  await fs.writeFile(generated, await writeWorkbookBuffer(layout));
  const outDir = path.join(dir, 'lo');
  await fs.mkdir(outDir);
  const recalculated = await recalculate(generated, outDir);
  return { dir, plan, layout, generated, recalculated };
}

/** Sheet name and anchors of the i-th item sheet (LibreOffice keeps every position). */
export function itemSheet(fx: Fixture, index: number): { name: string; anchors: ItemAnchors } {
  const sheet = fx.layout.sheets.filter((s) => s.kind === 'item')[index];
  return { name: sheet.name, anchors: sheet.anchors! };
}

/** Address helpers on an item sheet. */
export function cells(fx: Fixture, index: number) {
  const { name, anchors } = itemSheet(fx, index);
  const k = (no: number) => anchors.kpis.find((x) => x.no === no)!;
  return {
    name,
    anchors,
    target: (no: number, y: string) => a1(k(no).targetRow, anchors.yearCols[y]),
    rate: (no: number, y: string) => a1(k(no).rateRow, anchors.yearCols[y]),
    actual: (no: number, y: string) => a1(k(no).actualRow, anchors.yearCols[y]),
    percent: (no: number, y: string) => a1(k(no).rateRow, anchors.helperCols[y]),
    flag: (no: number, y: string) => a1(k(no).actualRow, anchors.helperCols[y]),
    count: (y: string) => a1(anchors.countRow, anchors.yearCols[y]),
    rows: (no: number) => [k(no).targetRow, k(no).rateRow, k(no).actualRow],
  };
}

/**
 * A copy of `source` changed with exceljs, as a clerk (or a careless script) would change it. With
 * `recalc`, LibreOffice then recalculates the copy, as Excel does when a clerk types: the cached
 * results then follow the tampered inputs, and only the tampering itself remains to be found.
 */
export async function tamper(fx: Fixture, source: string, name: string, change: (wb: ExcelJS.Workbook) => void, recalc = false): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  change(wb);
  const file = path.join(fx.dir, name);
  await wb.xlsx.writeFile(file);
  if (!recalc) return file;
  const outDir = path.join(fx.dir, `lo-${path.basename(name, '.xlsx')}`);
  await fs.mkdir(outDir, { recursive: true });
  return recalculate(file, outDir);
}

/** Clears every cell of the given rows (a KPI's block deleted by clearing its contents). */
export function clearRows(ws: ExcelJS.Worksheet, rows: number[]): void {
  for (const r of rows) {
    const row = ws.getRow(r);
    for (let c = 1; c <= Math.max(ws.columnCount, row.cellCount); c++) row.getCell(c).value = null;
  }
}

/** Broken inputs: each a file named .xlsx that must be refused with a message naming it. */
export async function brokenFiles(fx: Fixture): Promise<Record<'truncated' | 'text' | 'bomb' | 'lyingBomb' | 'dimension' | 'ole' | 'empty' | 'notWorkbook', string>> {
  const dir = path.join(fx.dir, 'broken');
  await fs.mkdir(dir, { recursive: true });
  const clean = await fs.readFile(fx.recalculated);
  const out = {
    truncated: path.join(dir, 'truncated.xlsx'),
    text: path.join(dir, 'text.xlsx'),
    bomb: path.join(dir, 'bomb.xlsx'),
    lyingBomb: path.join(dir, 'lying-bomb.xlsx'),
    dimension: path.join(dir, 'dimension.xlsx'),
    ole: path.join(dir, 'ole.xlsx'),
    empty: path.join(dir, 'empty.xlsx'),
    notWorkbook: path.join(dir, 'not-workbook.xlsx'),
  };
  await fs.writeFile(out.truncated, clean.subarray(0, Math.floor(clean.length * 0.6)));
  await fs.writeFile(out.text, '件名,実績\n電子申請,1266\n');
  await fs.writeFile(out.empty, '');
  await fs.writeFile(out.ole, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));

  // A zip bomb: a worksheet of 64 MB of zeros (about 64 KB compressed), declared honestly …
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const bomb = await JSZip.loadAsync(clean);
  bomb.file('xl/worksheets/sheet2.xml', zeros);
  const bombBytes = await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
  await fs.writeFile(out.bomb, bombBytes);
  // … and the same with its declared sizes forged small, so only counting while inflating catches it.
  await fs.writeFile(out.lyingBomb, forgeSizes(bombBytes, 'xl/worksheets/sheet2.xml', 1000));

  const dim = await JSZip.loadAsync(clean);
  const sheetXml = await dim.file('xl/worksheets/sheet2.xml')!.async('string');
  dim.file('xl/worksheets/sheet2.xml', sheetXml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
  await fs.writeFile(out.dimension, await dim.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

  const docx = new JSZip();
  docx.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  docx.file('word/document.xml', '<?xml version="1.0"?><document/>');
  await fs.writeFile(out.notWorkbook, await docx.generateAsync({ type: 'nodebuffer' }));
  return out;
}

/** Rewrites the uncompressed size an entry declares (local header and central directory). */
export function forgeSizes(zip: Buffer, entry: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const name = Buffer.from(entry, 'utf8');
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.readUInt16LE(i + 26) === name.length && out.subarray(i + 30, i + 30 + name.length).equals(name)) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.readUInt16LE(i + 28) === name.length && out.subarray(i + 46, i + 46 + name.length).equals(name)) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

/** A workbook with a whole-column data-validation rule (exceljs alone expands it to a million entries). */
export async function withWholeColumnValidation(fx: Fixture, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(fx.recalculated));
  const xml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  const rule =
    '<dataValidations count="1"><dataValidation type="decimal" allowBlank="true" showErrorMessage="true" operator="between" sqref="G1:G1048576 K1:K1048576">' +
    '<formula1>-1E+15</formula1><formula2>1E+15</formula2></dataValidation></dataValidations>';
  // In place of the sheet's own rules (so the element order stays valid).
  const withRule = xml.replace(/<dataValidations\b[\s\S]*?<\/dataValidations>/, rule);
  if (!withRule.includes('G1:G1048576')) throw new Error('could not place the validation rule');
  zip.file('xl/worksheets/sheet2.xml', withRule);
  const file = path.join(fx.dir, name);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}
