// The cells of a sheet as an .xlsx package holds them (type attribute and <v> text), read from the XML:
// exceljs drops a cached formula result of 0 on load, and the tests must see exactly what was written.
import type JSZip from 'jszip';

export interface RawCell {
  t?: string;
  v?: string;
}

const regexText = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The worksheet part of a sheet, through workbook.xml and its relationships. */
export async function sheetPartOf(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const xmlName = regexText(name.replace(/&/g, '&amp;').replace(/'/g, '&apos;'));
  const rId = new RegExp(`<sheet [^>]*name="${xmlName}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const rel = new RegExp(`<Relationship [^>]*Id="${regexText(rId)}"[^>]*>`).exec(rels)![0];
  return `xl/${/Target="([^"]+)"/.exec(rel)![1].replace(/^\/?xl\//, '')}`;
}

/** Each cell of a sheet by its A1 address. */
export async function cellsOf(zip: JSZip, name: string): Promise<Map<string, RawCell>> {
  const xml = await zip.file(await sheetPartOf(zip, name))!.async('string');
  const cells = new Map<string, RawCell>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
    cells.set(m[1], { t: /\bt="([^"]+)"/.exec(m[2])?.[1], v: /<v>([^<]*)<\/v>/.exec(m[3] ?? '')?.[1] });
  }
  return cells;
}

/** A number cell's value (no type, or LibreOffice's t="n"); null for text, errors and empty cells. */
export function rawNumber(cell: RawCell | undefined): number | null {
  return cell && (cell.t === undefined || cell.t === 'n') && cell.v !== undefined ? Number(cell.v) : null;
}
