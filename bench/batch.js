#!/usr/bin/env node
// npm run bench (part 3) — the reform office's batch: generates N department workbooks (default 1,000;
// HYOKA_BENCH_N to change), then consolidates and audits them, against loading the same files with bare
// exceljs in the same run. Reports workbooks per second, the ratio to the bare load and peak RSS.
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');
const { loadPlanFile } = require('../dist/cli/plan-file');
const { buildWorkbookLayout } = require('../dist/layout/workbook');
const { writeWorkbookBuffer } = require('../dist/xlsx/write');
const { consolidate, buildSummaryLayout, writeSummaryBuffer } = require('../dist/consolidate');
const { auditWorkbook } = require('../dist/audit');

const N = Number(process.env.HYOKA_BENCH_N || 1000);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
const phasePeak = () => {
  const p = peakRss;
  peakRss = process.memoryUsage().rss;
  return p;
};

async function timed(fn) {
  global.gc?.();
  phasePeak();
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, rss: phasePeak(), value };
}

(async () => {
  const bundled = await loadPlanFile(path.join(__dirname, '..', 'seeds', 'gunma-2020.json'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyoka-batch-'));
  const files = [];
  const gen = await timed(async () => {
    for (let i = 0; i < N; i++) {
      const item = bundled.items[i % bundled.items.length];
      const plan = { ...bundled, items: [{ ...item, id: `${item.id}-d${i}`, leadDept: `${item.leadDept.split('、')[0]}${Math.floor(i / 30)}` }] };
      const file = path.join(dir, `dept-${String(i).padStart(4, '0')}.xlsx`);
      fs.writeFileSync(file, await writeWorkbookBuffer(buildWorkbookLayout(plan)));
      files.push(file);
    }
  });
  const bare = await timed(async () => {
    for (const f of files) await new ExcelJS.Workbook().xlsx.readFile(f);
  });
  const cons = await timed(async () => {
    const result = await consolidate(files);
    const buffer = await writeSummaryBuffer(buildSummaryLayout(result));
    return { items: result.items?.length ?? 0, bytes: buffer.length };
  });
  const audit = await timed(async () => {
    const status = { clean: 0, findings: 0, unreadable: 0 };
    for (const f of files) status[(await auditWorkbook(f)).status]++;
    return status;
  });
  clearInterval(sampler);
  const rate = (ms) => ((N / ms) * 1000).toFixed(1);
  console.log(`\n${N} department workbooks (${(files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1e6).toFixed(1)} MB), one item each`);
  console.log('phase | ms | workbooks/s | ratio to bare load | peak RSS MB');
  console.log(`generate | ${gen.ms.toFixed(0)} | ${rate(gen.ms)} | | ${(gen.rss / 1048576).toFixed(0)}`);
  console.log(`bare exceljs load (baseline) | ${bare.ms.toFixed(0)} | ${rate(bare.ms)} | 1.00× | ${(bare.rss / 1048576).toFixed(0)}`);
  console.log(`consolidate (+ summary .xlsx) | ${cons.ms.toFixed(0)} | ${rate(cons.ms)} | ${(cons.ms / bare.ms).toFixed(2)}× (goal ≤ 1.3×) | ${(cons.rss / 1048576).toFixed(0)}`);
  console.log(`consolidated items: ${cons.value.items}; audit: ${audit.value.clean} clean, ${audit.value.findings} with findings, ${audit.value.unreadable} unreadable`);
  console.log(`audit | ${audit.ms.toFixed(0)} | ${rate(audit.ms)} | ${(audit.ms / bare.ms).toFixed(2)}× (goal ≤ 1.3×) | ${(audit.rss / 1048576).toFixed(0)}`);
  fs.rmSync(dir, { recursive: true, force: true });
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
