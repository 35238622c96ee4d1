// generate --charts on the bundled plan: the package holds one well-formed chart part per numeric KPI,
// wired through the 推移 sheet's drawing, its relationships and [Content_Types].xml; every series reads
// 推移 cells, which are formulas over the item sheet's own target and actual cells (as the reader finds
// them); the cached values are what those formulas give; and the readers ignore the new sheet.
import { spawnSync } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { loadWorkbook, readPlanFromWorkbook } from '../../src/xlsx/read';
import type { Locations } from '../../src/read/plan-reader';
import { bundledPlan } from '../support/plans';
import { cellsOf as packageCells, rawNumber, type RawCell, sheetPartOf as packagePart } from './package-cells';
import { isDeletedIn } from '../../src/rules/evaluate';
import type { Kpi } from '../../src/model/plan';

const TREND = '推移';
const CT = 'application/vnd.openxmlformats-officedocument.';
let dir: string;
let withCharts: string;
let without: string;
let zip: JSZip;

async function run(...args: string[]): Promise<number> {
  return main(['node', 'hyoka', ...args], () => undefined, () => undefined);
}

const text = (name: string) => zip.file(name)!.async('string');
const sheetPartOf = (name: string) => packagePart(zip, name);
const cellsOf = (name: string) => packageCells(zip, name);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hyoka-charts-'));
  withCharts = path.join(dir, 'charts.xlsx');
  without = path.join(dir, 'plain.xlsx');
  expect(await run('generate', '--charts', '-o', withCharts)).toBe(0);
  expect(await run('generate', '-o', without)).toBe(0);
  zip = await JSZip.loadAsync(await fs.readFile(withCharts));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** The plan's numeric KPIs not deleted in every plan year (one deleted from R5 keeps R2–R4), in sheet order. */
async function numericKpis() {
  const plan = await bundledPlan();
  const live = (k: Kpi) => k.direction !== 'qualitative' && !plan.plan.years.every((y) => isDeletedIn(k, y));
  return plan.items.flatMap((item) => item.kpis.filter(live).map((kpi) => ({ item, kpi })));
}

test('one chart part per numeric KPI, each well-formed XML, each in the content types and the drawing', async () => {
  const kpis = await numericKpis();
  expect(kpis.length).toBeGreaterThan(10);
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  expect(charts).toHaveLength(kpis.length);
  const types = await text('[Content_Types].xml');
  const drawingRels = await text('xl/drawings/_rels/drawing1.xml.rels');
  for (const chart of charts) {
    const lint = spawnSync('xmllint', ['--noout', '-'], { input: await text(chart) });
    expect({ chart, status: lint.status, err: String(lint.stderr) }).toEqual({ chart, status: 0, err: '' });
    expect(types).toContain(`<Override PartName="/${chart}" ContentType="${CT}drawingml.chart+xml"/>`);
    expect(drawingRels).toContain(`Target="../charts/${path.basename(chart)}"`);
  }
  expect(types).toContain(`<Override PartName="/xl/drawings/drawing1.xml" ContentType="${CT}drawing+xml"/>`);
  for (const part of ['xl/drawings/drawing1.xml', 'xl/drawings/_rels/drawing1.xml.rels', '[Content_Types].xml']) {
    expect(spawnSync('xmllint', ['--noout', '-'], { input: await text(part) }).status).toBe(0);
  }
  // The drawing sits on the 推移 sheet, and only there: its r:id is the sheet's relationship to drawing1.
  const sheetPart = await sheetPartOf(TREND);
  const sheetXml = await text(sheetPart);
  expect(spawnSync('xmllint', ['--noout', '-'], { input: sheetXml }).status).toBe(0);
  const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)![1];
  const sheetRels = await text(sheetPart.replace(/([^/]+)$/, '_rels/$1.rels'));
  expect(sheetRels).toMatch(new RegExp(`Id="${drawingId}" Type="[^"]+/drawing" Target="../drawings/drawing1.xml"`));
  const drawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f));
  expect(drawings).toEqual(['xl/drawings/drawing1.xml']);
  expect(((await text('xl/drawings/drawing1.xml')).match(/<c:chart /g) ?? []).length).toBe(kpis.length);
});

test('each chart: its title, and series that point at 推移 cells holding formulas over the item sheet cells', async () => {
  const kpis = await numericKpis();
  const wb = await loadWorkbook(withCharts);
  const trend = wb.getWorksheet(TREND)!;
  const locations: Locations = {};
  await readPlanFromWorkbook(withCharts, locations);
  const trendCells = await cellsOf(TREND);
  const itemCells = new Map<string, Map<string, RawCell>>();
  for (let n = 0; n < kpis.length; n++) {
    const { item, kpi } = kpis[n];
    const xml = await text(`xl/charts/chart${n + 1}.xml`);
    expect(xml).toContain(`(${item.no}) `);
    expect(xml).toContain(kpi.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    const refs = [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => m[1].replace(/&apos;/g, "'"));
    expect(refs).toHaveLength(4); // categories and values of 目標 and of 実績
    const values = [...xml.matchAll(/<c:val><c:numRef><c:f>([^<]*)<\/c:f>/g)].map((m) => m[1]);
    expect(values).toHaveLength(2);
    for (const [s, f] of values.entries()) {
      const m = /^'推移'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(f)!;
      expect(m).not.toBeNull();
      const row = Number(m[2]);
      expect(Number(m[4])).toBe(row);
      expect(trend.getCell(row, 1).value).toBe(s === 0 ? '目標' : '実績');
      const years = Object.keys(locations[item.id][kpi.no]);
      for (const [i, year] of years.entries()) {
        const loc = locations[item.id][kpi.no][year];
        const ref = `'${loc.sheet}'!${s === 0 ? loc.target : loc.actual}`;
        const cell = trend.getCell(row, 2 + i);
        const v = cell.value as ExcelJS.CellFormulaValue;
        expect(cell.col).toBeGreaterThanOrEqual(colNo(m[1]));
        expect(cell.col).toBeLessThanOrEqual(colNo(m[3]));
        expect(v.formula).toBe(`IF(ISNUMBER(${ref}),${ref},NA())`);
        // The cached value is what the formula gives for the item cell's own (cached) value. Read from the
        // XML: exceljs drops a cached formula result of 0 on load.
        if (!itemCells.has(loc.sheet)) itemCells.set(loc.sheet, await cellsOf(loc.sheet));
        const source = itemCells.get(loc.sheet)!.get(s === 0 ? loc.target : loc.actual);
        const cached = trendCells.get(cell.address)!;
        const number = rawNumber(source);
        if (number !== null) expect(rawNumber(cached)).toBe(number);
        else expect(cached).toEqual({ t: 'e', v: '#N/A' });
      }
    }
  }
});

test('exceljs loads the workbook with charts, and export reads the same plan as without them', async () => {
  const wb = await loadWorkbook(withCharts);
  expect(wb.worksheets.map((w) => w.name)).toContain(TREND);
  const json = async (file: string) => {
    const out = path.join(dir, `${path.basename(file)}.json`);
    expect(await run('export', file, '-o', out)).toBe(0);
    return JSON.parse(await fs.readFile(out, 'utf8'));
  };
  expect(await json(withCharts)).toEqual(await json(without));
  // and without --charts nothing changes: no 推移, no chart part
  const plain = await JSZip.loadAsync(await fs.readFile(without));
  expect(Object.keys(plain.files).filter((f) => /chart|drawing/.test(f))).toEqual([]);
  expect((await loadWorkbook(without)).getWorksheet(TREND)).toBeUndefined();
});

function colNo(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

test.each(['saitama-action', 'outline'])('--layout %s: the 推移 formulas point at the cells the reader reads', async (layout) => {
  const file = path.join(dir, `${layout}.xlsx`);
  expect(await run('generate', '--charts', '--layout', layout, '-o', file)).toBe(0);
  const locations: Locations = {};
  await readPlanFromWorkbook(file, locations);
  const trend = (await loadWorkbook(file)).getWorksheet(TREND)!;
  const kpis = await numericKpis();
  const years = (await bundledPlan()).plan.years;
  const formulas: string[] = [];
  trend.eachRow((r) =>
    r.eachCell((c) => {
      const v = c.value;
      if (typeof v === 'object' && v && 'formula' in v) formulas.push((v as ExcelJS.CellFormulaValue).formula);
    }),
  );
  const expected = kpis.flatMap(({ item, kpi }) =>
    (['target', 'actual'] as const).flatMap((key) =>
      years.map((y) => {
        const loc = locations[item.id][kpi.no][y];
        const ref = `'${loc.sheet}'!${loc[key]}`;
        return `IF(ISNUMBER(${ref}),${ref},NA())`;
      }),
    ),
  );
  expect(formulas).toHaveLength(expected.length);
  expect(formulas).toEqual(expected);
});

test('--layout gunma-dx (target and actual on one row, their columns not in the anchors): no 推移, no chart', async () => {
  const file = path.join(dir, 'dx.xlsx');
  expect(await run('generate', '--charts', '--layout', 'gunma-dx', '-o', file)).toBe(0);
  const dx = await JSZip.loadAsync(await fs.readFile(file));
  expect(Object.keys(dx.files).filter((f) => /chart|drawing/.test(f))).toEqual([]);
  expect((await loadWorkbook(file)).getWorksheet(TREND)).toBeUndefined();
});
