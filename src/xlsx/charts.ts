// Native Excel charts (DrawingML) added to a workbook exceljs has written: exceljs writes no charts, and
// no maintained fork or npm library writes one into an existing workbook (checked: exceljs forks
// @zurmokeeper/exceljs and exceljs-enhanced add none; xlsx-chart writes whole files of its own). This
// module adds, per sheet, one drawing part holding one chart part per ChartSpec, wired through the
// sheet's relationships and [Content_Types].xml. Series point at cells (numRef/strRef), so a value typed
// later moves the chart; each carries the values it points at as its cache, so a viewer that does not
// recalculate draws the same picture. Element order follows the ECMA-376 schema (Excel refuses
// otherwise).
import JSZip from 'jszip';
import { a1 } from '../layout/a1';
import { FONT_NAME } from '../layout/styles';
import { cellText } from '../layout/text';
import type { ChartSpec, ChartRange } from '../layout/types';
import './exceljs-fixes'; // JSZip's astral-character fix: chart titles carry the plan's texts

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

// cellText first: control characters and lone surrogates cannot be stored in XML 1.0 at all.
/**
 * Excel 2016+: a #N/A point (NA(): no figure yet, a word, 「削除」) is a gap like a blank cell, not joined
 * over. LibreOffice (7.4) ignores this and draws #N/A as 0.
 */
const NA_AS_GAP =
  '<c:extLst><c:ext uri="{56B9EC1D-385E-4148-901F-78D8002777C0}" xmlns:c16r3="http://schemas.microsoft.com/office/drawing/2017/03/chart">' +
  '<c16r3:dataDisplayOptions16><c16r3:dispNaAsBlank val="1"/></c16r3:dataDisplayOptions16></c:ext></c:extLst>';

const esc = (s: string) => cellText(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 'Sheet name'!$B$3:$F$3 — A1 text only here, at the edge. */
export function rangeFormula(r: ChartRange): string {
  const abs = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `'${r.sheet.replace(/'/g, "''")}'!${abs(r.row, r.fromCol)}:${abs(r.row, r.toCol)}`;
}

function strRef(r: ChartRange, values: string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${esc(rangeFormula(r))}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(r: ChartRange, values: (number | null)[], numFmt: string): string {
  // A gap (no figure, a text target) has no point in the cache, as Excel writes it.
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numRef><c:f>${esc(rangeFormula(r))}</c:f><c:numCache><c:formatCode>${esc(numFmt)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

const solid = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;

function seriesXml(chart: ChartSpec, kind: 'bar' | 'line'): string {
  return chart.series
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.kind === kind)
    .map(({ s, i }) => {
      const tx = `<c:tx><c:v>${esc(s.name)}</c:v></c:tx>`;
      const cat = `<c:cat>${strRef(chart.categories.range, chart.categories.values)}</c:cat>`;
      const val = `<c:val>${numRef(s.range, s.values, chart.numFmt ?? 'General')}</c:val>`;
      if (kind === 'bar') return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}<c:spPr>${solid(s.color)}</c:spPr><c:invertIfNegative val="0"/>${cat}${val}</c:ser>`;
      const line = `<c:spPr><a:ln w="28575">${solid(s.color)}${s.dashed ? '<a:prstDash val="dash"/>' : ''}</a:ln></c:spPr>`;
      const marker = `<c:marker><c:symbol val="${s.marker ?? 'circle'}"/><c:size val="7"/><c:spPr>${solid(s.color)}</c:spPr></c:marker>`;
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${tx}${line}${marker}${cat}${val}<c:smooth val="0"/></c:ser>`;
    })
    .join('');
}

const textProps = (size: number) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}"><a:latin typeface="${esc(FONT_NAME)}"/><a:ea typeface="${esc(FONT_NAME)}"/></a:defRPr></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>`;

/** One chart part: bars and lines over the same category axis (years). */
export function chartXml(chart: ChartSpec): string {
  const bars = seriesXml(chart, 'bar');
  const lines = seriesXml(chart, 'line');
  const axes = '<c:axId val="500000001"/><c:axId val="500000002"/>';
  const title =
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="ja-JP" sz="1100" b="1"/><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:lang val="ja-JP"/><c:roundedCorners val="0"/>` +
    `<c:chart>${title}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    (bars ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bars}<c:gapWidth val="80"/>${axes}</c:barChart>` : '') +
    (lines ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines}<c:marker val="1"/>${axes}</c:lineChart>` : '') +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${textProps(9)}` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350">${solid('D9D9D9')}</a:ln></c:spPr></c:majorGridlines>` +
    `<c:numFmt formatCode="${esc(chart.numFmt ?? 'General')}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${textProps(9)}` +
    `<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>${textProps(9)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/>${NA_AS_GAP}</c:chart>` +
    `</c:chartSpace>`
  );
}

/** The drawing part of one sheet: a two-cell anchor per chart (rows and columns 1-based in the spec). */
function drawingXml(charts: ChartSpec[]): string {
  const anchors = charts
    .map((c, i) => {
      const at = (tag: string, row: number, col: number) => `<xdr:${tag}><xdr:col>${col - 1}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
      return (
        `<xdr:twoCellAnchor editAs="oneCell">${at('from', c.from.row, c.from.col)}${at('to', c.to.row, c.to.col)}` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(`グラフ ${i + 1}`)}" descr="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
      );
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors}</xdr:wsDr>`;
}

const relsXml = (rels: { id: string; type: string; target: string }[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"/>`).join('') +
  `</Relationships>`;

/** The worksheet part of each sheet name, from workbook.xml and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.replace(/^\/?xl\//, ''));
  }
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*\/>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const id = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && id && targets.has(id)) out.set(unescape(name), `xl/${targets.get(id)}`);
  }
  return out;
}

/**
 * Where <drawing> goes in a worksheet (CT_Worksheet order): after the last of BEFORE_DRAWING, before the
 * first of AFTER_DRAWING that follows it (an <extLst> inside an earlier conditional format is no place).
 */
const BEFORE_DRAWING = ['pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags'];
const AFTER_DRAWING = ['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];

function withDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error('the sheet already has a drawing / シートにはすでに図形があります');
  const tag = `<drawing r:id="${relId}"/>`;
  const xml = /xmlns:r=/.test(sheetXml.slice(0, 2000)) ? sheetXml : sheetXml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`);
  const from = Math.max(0, ...BEFORE_DRAWING.map((name) => xml.lastIndexOf(`<${name}`)));
  const rest = xml.slice(from);
  for (const name of AFTER_DRAWING) {
    const at = rest.search(new RegExp(`<${name}\\b`));
    if (at >= 0) return xml.slice(0, from + at) + tag + rest.slice(at);
  }
  return xml.replace(/<\/worksheet>\s*$/, `${tag}</worksheet>`);
}

/** The workbook with the charts added (grouped by the sheet they sit on). */
export async function addCharts(xlsx: Uint8Array, charts: ChartSpec[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  const bySheet = new Map<string, ChartSpec[]>();
  for (const c of charts) bySheet.set(c.on, [...(bySheet.get(c.on) ?? []), c]);
  let chartNo = 0;
  let drawingNo = 0;
  for (const [sheet, onSheet] of bySheet) {
    const part = parts.get(sheet);
    if (!part) throw new Error(`グラフのシート「${sheet}」がありません / no sheet "${sheet}" for the chart`);
    const drawing = `xl/drawings/drawing${++drawingNo}.xml`;
    const drawingRels: { id: string; type: string; target: string }[] = [];
    for (const chart of onSheet) {
      const file = `chart${++chartNo}.xml`;
      zip.file(`xl/charts/${file}`, chartXml(chart));
      drawingRels.push({ id: `rId${drawingRels.length + 1}`, type: REL_CHART, target: `../charts/${file}` });
      types = types.replace('</Types>', `<Override PartName="/xl/charts/${file}" ContentType="${CT_CHART}"/></Types>`);
    }
    zip.file(drawing, drawingXml(onSheet));
    zip.file(drawing.replace('drawings/', 'drawings/_rels/') + '.rels', relsXml(drawingRels));
    types = types.replace('</Types>', `<Override PartName="/${drawing}" ContentType="${CT_DRAWING}"/></Types>`);
    // The sheet's own relationships: kept, plus the drawing.
    const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : relsXml([]);
    const used = new Set([...existing.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const relId = `rId${n}`;
    zip.file(relsPath, existing.replace('</Relationships>', `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/${drawing.slice('xl/drawings/'.length)}"/></Relationships>`));
    zip.file(part, withDrawing(await zip.file(part)!.async('string'), relId));
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 3 } });
}
