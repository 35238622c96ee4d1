#!/usr/bin/env node
// npm run bench — times `generate` (plan → evaluated layout → styled .xlsx buffer) for the bundled
// plan and a synthetic 300-item plan, against writing the same cells (values, formulas, cached
// results) with bare exceljs in the same run. Reports medians, the ratio (goal ≤ 1.5×) and peak RSS.
const path = require('path');
const ExcelJS = require('exceljs');
const { loadPlanFile } = require('../dist/cli/plan-file');
const { buildWorkbookLayout } = require('../dist/layout/workbook');
const { writeWorkbookBuffer } = require('../dist/xlsx/write');

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);

async function hyokaGenerate(plan) {
  return writeWorkbookBuffer(buildWorkbookLayout(plan));
}

/** The baseline: the same cells, no styles, merges, validation or formats. */
async function bareExcelJs(layout) {
  const wb = new ExcelJS.Workbook();
  for (const sheet of layout.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    for (const c of sheet.cells) {
      if (c.formula !== undefined) ws.getCell(c.row, c.col).value = { formula: c.formula, result: c.result };
      else if (c.value !== undefined) ws.getCell(c.row, c.col).value = c.value;
    }
  }
  return wb.xlsx.writeBuffer();
}

async function median(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    global.gc?.();
    const t = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function synthetic(plan, count) {
  const items = [];
  for (let i = 0; i < count; i++) {
    const src = plan.items[i % plan.items.length];
    items.push({ ...src, id: `${src.id}-${i}`, no: i + 1 });
  }
  return { ...plan, items };
}

(async () => {
  const bundled = await loadPlanFile(path.join(__dirname, '..', 'seeds', 'gunma-2020.json'));
  const cases = [
    ['bundled Gunma plan (30 items)', bundled, 5],
    ['synthetic plan (300 items)', synthetic(bundled, 300), 3],
  ];
  console.log('case | hyoka generate (ms) | bare exceljs, same cells (ms) | ratio | cells | file KB');
  for (const [name, plan, runs] of cases) {
    const layout = buildWorkbookLayout(plan);
    const cells = layout.sheets.reduce((n, s) => n + s.cells.length, 0);
    await hyokaGenerate(plan); // warm up
    await bareExcelJs(layout);
    const ours = await median(() => hyokaGenerate(plan), runs);
    const bare = await median(() => bareExcelJs(layout), runs);
    const size = (await hyokaGenerate(plan)).length;
    const ratio = ours / bare;
    console.log(`${name} | ${ours.toFixed(0)} | ${bare.toFixed(0)} | ${ratio.toFixed(2)}× ${ratio <= 1.5 ? '(goal ≤ 1.5×: met)' : '(goal ≤ 1.5×: NOT met)'} | ${cells} | ${(size / 1024).toFixed(0)}`);
  }
  clearInterval(sampler);
  console.log(`peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
