// Hostile inputs, made at test time (nothing binary is committed): every kind of file a folder of
// "department workbooks" may hold that must be refused with its name and why, without the batch
// dying or memory growing — and a workbook LibreOffice saved after a row was deleted, which must load.
import { execFileSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Plan } from '../../src/model/plan';
import { buildWorkbookLayout, META_SHEET } from '../../src/layout/workbook';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { findSoffice } from '../../src/xlsx/libreoffice';

/** A plan holding only the bundled plan's i-th item: one department's workbook. */
export function departmentPlan(plan: Plan, i: number): Plan {
  return { ...plan, items: [plan.items[i]] };
}

export async function writeDepartment(plan: Plan, i: number, file: string): Promise<string> {
  await fs.writeFile(file, await writeWorkbookBuffer(buildWorkbookLayout(departmentPlan(plan, i))));
  return file;
}

/** A copy of `source` with one worksheet's XML changed. */
export async function withSheetXml(source: string, file: string, change: (xml: string) => string, entry = 'xl/worksheets/sheet2.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(source));
  const xml = await zip.file(entry)!.async('string');
  const changed = change(xml);
  if (changed === xml) throw new Error(`withSheetXml: nothing changed in ${entry}`);
  zip.file(entry, changed);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

/** Merged ranges put into a worksheet (after its own, or as the only ones). */
export function addMerges(xml: string, refs: string[]): string {
  const cells = refs.map((r) => `<mergeCell ref="${r}"/>`).join('');
  if (/<mergeCells\b/.test(xml)) return xml.replace(/<mergeCells[^>]*>/, (m) => `${m}${cells}`);
  return xml.replace('</sheetData>', `</sheetData><mergeCells count="${refs.length}">${cells}</mergeCells>`);
}

/** `count` two-cell merges in rows far below a sheet's content (none overlapping). */
export function smallMerges(count: number, fromRow = 200): string[] {
  return Array.from({ length: count }, (_, i) => `AA${fromRow + i}:AB${fromRow + i}`);
}

/** The metadata of a workbook changed (as someone editing the hidden _hyoka sheet would). */
export async function tamperMetadata(source: string, file: string, change: (meta: Record<string, any>) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  const ws = wb.getWorksheet(META_SHEET)!;
  let json = '';
  for (let r = 2; r <= ws.rowCount; r++) json += String(ws.getCell(r, 1).value ?? '');
  const meta = JSON.parse(json);
  change(meta);
  const text = JSON.stringify(meta);
  for (let r = 2; r <= ws.rowCount; r++) ws.getCell(r, 1).value = null;
  for (let i = 0, r = 2; i < text.length; i += 30000, r++) ws.getCell(r, 1).value = text.slice(i, i + 30000);
  await wb.xlsx.writeFile(file);
  return file;
}

/** A zip of `count` tiny entries besides a workbook's own (xl/workbook.xml present). */
export async function manyEntries(file: string, count: number): Promise<string> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  zip.file('xl/workbook.xml', '<?xml version="1.0"?><workbook/>');
  for (let i = 0; i < count; i++) zip.file(`xl/media/e${i}.txt`, '');
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' }));
  return file;
}

/** A workbook whose second sheet is `mb` MB of zeros: about 1/1000 of that compressed. */
export async function zipBomb(source: string, file: string, mb = 64): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(source));
  zip.file('xl/worksheets/sheet2.xml', Buffer.alloc(mb * 1024 * 1024));
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
  return file;
}

export const OLE_HEADER = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
export const PNG_HEADER = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A named pipe (mkfifo): opening it for reading would wait forever for a writer. */
export function makeFifo(file: string): string {
  execFileSync('mkfifo', [file]);
  return file;
}

// A LibreOffice Basic macro deleting one row and saving as xlsx, in a throw-away profile: what a clerk
// does in Calc. (Arguments in a macro: URL do not arrive, so the paths are written into the macro.)
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function deleteRowMacro(inUrl: string, outUrl: string, sheetIndex: number, row: number): string {
  const basic = `Sub DeleteRow
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL("${inUrl}", "_blank", 0, args())
  sh = doc.Sheets.getByIndex(${sheetIndex})
  If sh.isProtected() Then sh.unprotect("")
  sh.Rows.removeByIndex(${row - 1}, 1)
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL("${outUrl}", out())
  doc.close(True)
  StarDesktop.terminate()
End Sub
`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${xml(basic)}</script:module>
`;
}
/** `source` opened in LibreOffice Calc, row `row` (1-based) of sheet `sheetIndex` deleted, saved as xlsx. */
export async function libreOfficeDeleteRow(source: string, file: string, sheetIndex: number, row: number): Promise<string> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-lo-macro-'));
  try {
    // LibreOffice makes the profile (with its Standard library) first; then Module1 is replaced.
    const profile = pathToFileURL(path.join(root, 'profile')).href;
    const run = (args: string[]) => execFileSync(soffice, ['--headless', '--norestore', '--nolockcheck', `-env:UserInstallation=${profile}`, ...args], { timeout: 120_000, stdio: 'ignore' });
    run(['--terminate_after_init']);
    const out = path.join(root, 'out.xlsx');
    const module1 = path.join(root, 'profile', 'user', 'basic', 'Standard', 'Module1.xba');
    await fs.writeFile(module1, deleteRowMacro(pathToFileURL(path.resolve(source)).href, pathToFileURL(out).href, sheetIndex, row));
    run(['macro:///Standard.Module1.DeleteRow']);
    await fs.copyFile(out, file);
    return file;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}
