// The charts in LibreOffice: printed to PDF, the 推移 page differs from the same page without charts by
// drawn pixels right of the table (the chart beside its rows); and recalculated, every 推移 cell is the
// item sheet cell it points at (a number, or #N/A for a blank or a word) — computed by LibreOffice, since
// every cached value was replaced by a sentinel before.
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { a1 } from '../../src/layout/a1';
import { buildWorkbookLayout } from '../../src/layout/workbook';
import type { WorkbookLayout } from '../../src/layout/types';
import { writeWorkbookFile } from '../../src/xlsx/write';
import { convertToPdf, recalculate } from '../../src/xlsx/libreoffice';
import { bundledPlan } from '../support/plans';
import { staleCopy, STALE } from '../support/recalc';
import { cellsOf, rawNumber } from './package-cells';

const TREND = '推移';
let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-chart-render-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A PGM (P5, 8-bit) as pdftoppm -gray writes it. */
function readPgm(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('not an 8-bit PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

/** The 1-based PDF page whose text holds `needle` (white space ignored: pdftotext spreads out U+3000). */
function pageWith(pdf: string, needle: string): number {
  const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
  return text.split('\f').findIndex((page) => page.replace(/\s+/g, '').includes(needle.replace(/\s+/g, ''))) + 1;
}

async function renderPage(layout: WorkbookLayout, name: string, page: (pdf: string) => number) {
  const file = path.join(dir, `${name}.xlsx`);
  await writeWorkbookFile(layout, file);
  const pdf = await convertToPdf(file, path.join(dir, name));
  const n = page(pdf);
  expect(n).toBeGreaterThan(0);
  const prefix = path.join(dir, name, 'page');
  const r = spawnSync('pdftoppm', ['-gray', '-r', '60', '-f', String(n), '-l', String(n), '-singlefile', pdf, prefix]);
  expect(r.status).toBe(0);
  return { n, image: readPgm(await fs.readFile(`${prefix}.pgm`)) };
}

test('LibreOffice draws each chart beside its rows: ink right of the table, where the page without charts is blank', async () => {
  const plan = await bundledPlan();
  plan.items = plan.items.slice(0, 3); // three items: a page of charts, and a quick print
  const layout = buildWorkbookLayout(plan, undefined, { charts: true });
  expect(layout.charts!.length).toBeGreaterThanOrEqual(2);
  const title = `${TREND}　${plan.plan.title}`;
  const { image: a } = await renderPage(layout, 'charts', (pdf) => pageWith(pdf, title));
  // The same sheet without its drawing.
  const { image: b } = await renderPage({ ...layout, charts: undefined }, 'plain', (pdf) => pageWith(pdf, title));
  const ink = (img: typeof a, x: number, y: number) => img.pixels[y * img.width + x] < 200;
  /** Columns of the page with a long run of ink: the tables' borders and the charts' frames, not text. */
  const framed = (img: typeof a) => {
    const xs: number[] = [];
    for (let x = 0; x < img.width; x++) {
      let n = 0;
      for (let y = 0; y < img.height; y++) if (ink(img, x, y)) n += 1;
      if (n >= 30) xs.push(x);
    }
    return { left: Math.min(...xs), right: Math.max(...xs) };
  };
  // Where the table ends on the charts page: the columns' widths, as printed between its outer frames.
  const trend = layout.sheets.find((s) => s.name === TREND)!;
  const widths = trend.columns.map((c) => c.width);
  const tableCols = 1 + plan.plan.years.length;
  const share = widths.slice(0, tableCols).reduce((x, y) => x + y, 0) / widths.reduce((x, y) => x + y, 0);
  const page = framed(a);
  const tableRight = page.left + share * (page.right - page.left);
  let inChartArea = 0;
  let area = 0;
  let top = a.height;
  for (let y = 0; y < a.height; y++) {
    for (let x = Math.ceil(tableRight) + 3; x <= page.right; x++) {
      area += 1;
      if (!ink(a, x, y)) continue;
      inChartArea += 1;
      top = Math.min(top, y);
    }
  }
  // Lines, markers, axes, labels and titles: a few percent of the area beside the tables…
  expect(inChartArea).toBeGreaterThan(area * 0.03);
  // …the first chart beside the first block, in the page's upper part…
  expect(top).toBeLessThan(a.height * 0.25);
  // …and without the drawing nothing is there (page header and footer rows aside).
  const plain = framed(b);
  // The charts' frames reach beyond the table (LibreOffice prints the plain page's table larger: no empty columns).
  expect(page.right).toBeGreaterThan(plain.right + a.width * 0.1);
  let stray = 0;
  for (let y = Math.floor(b.height * 0.08); y < b.height * 0.92; y++) {
    for (let x = plain.right + 3; x < b.width; x++) if (ink(b, x, y)) stray += 1;
  }
  expect(stray).toBe(0);
});

test('recalculated in LibreOffice, each 推移 cell is the item sheet cell it points at (#N/A when no number)', async () => {
  const plan = await bundledPlan();
  const layout = buildWorkbookLayout(plan, undefined, { charts: true });
  // No cached value survives: a value read back can only be LibreOffice's.
  const noErrors = layout.sheets.map((s) => ({ ...s, cells: s.cells.map(({ errorResult: _e, ...c }) => c) }));
  const stale = staleCopy({ ...layout, sheets: noErrors });
  const file = path.join(dir, 'stale.xlsx');
  await writeWorkbookFile(stale, file);
  await fs.mkdir(path.join(dir, 'recalc'));
  const zip = await JSZip.loadAsync(await fs.readFile(await recalculate(file, path.join(dir, 'recalc'))));
  const trendSheet = layout.sheets.find((s) => s.name === TREND)!;
  const trend = await cellsOf(zip, TREND);
  const items = new Map<string, Awaited<ReturnType<typeof cellsOf>>>();
  let numbers = 0;
  let gaps = 0;
  for (const cell of trendSheet.cells.filter((c) => c.formula)) {
    const m = /^IF\(ISNUMBER\('([^']+)'!([A-Z]+\d+)\),'\1'!\2,NA\(\)\)$/.exec(cell.formula!)!;
    expect(m).not.toBeNull();
    if (!items.has(m[1])) items.set(m[1], await cellsOf(zip, m[1]));
    const source = items.get(m[1])!.get(m[2]);
    const got = trend.get(a1(cell.row, cell.col));
    expect(got?.v).not.toBe(STALE);
    const expected = rawNumber(source);
    if (expected === null) {
      expect(got).toMatchObject({ t: 'e', v: '#N/A' });
      gaps += 1;
    } else {
      expect(rawNumber(got)).toBe(expected);
      numbers += 1;
    }
  }
  expect(numbers).toBeGreaterThan(50);
  expect(gaps).toBeGreaterThan(10);
});
