#!/usr/bin/env node
// node bench/syncs.js — context.sync() round trips per task-pane operation, measured on the in-memory
// Excel of the tests (tests/office/excel-model.ts; on Excel on the web each one is a network round
// trip). Goals (issue 3): one item sheet ≤ 3, the 30-item plan ≤ 10, reading a workbook 1–2, and no
// count that grows with the number of KPIs. Exits 1 when a goal is missed.
//
// The TypeScript sources are compiled on the fly (typescript's transpileModule), so nothing needs building first.
const fs = require('fs');
const path = require('path');
const Module = require('module');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, resolveJsonModule: true },
  });
  module._compile(outputText, filename);
};
void Module;

const root = path.join(__dirname, '..');
const { createPlainExcel, MockSheet } = require(path.join(root, 'tests/office/excel-model.ts'));
const { writeSheet } = require(path.join(root, 'src/office/write-sheet.ts'));
const { buildWorkbookLayout } = require(path.join(root, 'src/layout/workbook.ts'));
const ops = require(path.join(root, 'src/taskpane/operations.ts'));

async function measure(book, fn) {
  const before = book.syncCount;
  const bytesBefore = book.requests.reduce((n, r) => n + r.bytes, 0);
  const t0 = process.hrtime.bigint();
  const out = await fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const bytes = book.requests.reduce((n, r) => n + r.bytes, 0) - bytesBefore;
  return { syncs: book.syncCount - before, bytes, ms, out };
}

async function main() {
  const plan = await ops.loadSamplePlan();
  const layout = buildWorkbookLayout(plan);
  const itemSheets = layout.sheets.filter((s) => s.kind === 'item');
  const kpis = itemSheets.map((s) => s.anchors.kpis.length);
  const largest = itemSheets[kpis.indexOf(Math.max(...kpis))];
  const smallest = itemSheets[kpis.indexOf(Math.min(...kpis))];
  const rows = [];
  const row = (operation, goal, m, note = '') => rows.push({ operation, goal, syncs: m.syncs, ok: goal === null || m.syncs <= goal, requestMB: (m.bytes / 1e6).toFixed(2), ms: Math.round(m.ms), note });

  for (const [sheet, label] of [
    [smallest, `one item sheet, ${smallest.anchors.kpis.length} KPI(s)`],
    [largest, `one item sheet, ${largest.anchors.kpis.length} KPIs`],
  ]) {
    const { context, book } = createPlainExcel(['Sheet1']);
    row(`build ${label}`, 3, await measure(book, () => writeSheet(context, sheet)));
  }

  const { context, book } = createPlainExcel(['Sheet1']);
  row(`新規作成: the 30-item plan (${layout.sheets.length} sheets)`, 10, await measure(book, () => ops.createWorkbook(context, plan)));
  row('read the workbook back into a plan', 2, await measure(book, () => ops.readPlan(context)));
  row('read the plan outline (metadata only)', 1, await measure(book, () => ops.readPlanOutline(context)));

  book.activeSheet = book.sheet(largest.name);
  const kpi = { name: '追加指標', unit: '件', direction: 'higher', targets: { R2: '1', R3: '2' } };
  row('指標の追加 (read 2 + write)', 4, await measure(book, () => ops.addKpiToSheet(context, kpi)), 'item sheet + 一覧 + metadata');
  row('年度の追加 (read 2 + write all 30 item sheets)', 12, await measure(book, () => ops.addYearToPlan(context, 'R7')));
  row('チェック: all item sheets', 2, await measure(book, () => ops.checkWorkbook(context, 'all')));
  row('チェック: the active sheet', 1, await measure(book, () => ops.checkWorkbook(context, 'active')));
  row('select a problem cell', 1, await measure(book, () => ops.selectProblem(context, { sheet: largest.name, address: 'G13' })));
  row('一覧の更新 (read 2 + write)', 3, await measure(book, () => ops.refreshOverview(context)));
  row('書き出し (read 2)', 2, await measure(book, () => ops.exportPlan(context)));
  row('監査: the open workbook', 2, await measure(book, () => ops.auditOpenWorkbook(context)));
  // 集計: three department workbooks picked as files (parsed in memory: 0 syncs), then the summary written.
  const { writeWorkbookBuffer } = require(path.join(root, 'src/xlsx/write.ts'));
  const picked = [];
  for (const [i, items] of [plan.items.slice(0, 10), plan.items.slice(10, 20), plan.items.slice(20)].entries()) {
    const bytes = await writeWorkbookBuffer(buildWorkbookLayout({ ...plan, items }));
    picked.push({ name: `dept-${i}.xlsx`, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
  }
  const parsed = await ops.parseDepartmentFiles(picked);
  row('集計: write the summary of 3 files (30 items)', 3, await measure(book, () => ops.writeConsolidation(context, parsed)));

  // Padding by display width: kanji and kana take two columns in a terminal.
  const wide = (text) => [...text].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const pad = (text, n) => text + ' '.repeat(Math.max(0, n - wide(text)));
  const width = Math.max(...rows.map((r) => wide(r.operation)));
  console.log(`context.sync() round trips per task-pane operation (mock Excel, bundled plan: ${plan.items.length} items, ${kpis.reduce((a, b) => a + b, 0)} KPIs)\n`);
  console.log(`${pad('operation', width)}  syncs  goal  request MB    ms`);
  for (const r of rows)
    console.log(`${pad(r.operation, width)}  ${String(r.syncs).padStart(5)}  ${(r.goal === null ? '' : `≤${r.goal}`).padStart(4)}  ${r.requestMB.padStart(10)}  ${String(r.ms).padStart(4)}${r.ok ? '' : '  ✗ over the goal'}${r.note ? `  (${r.note})` : ''}`);
  const same = rows[0].syncs === rows[1].syncs;
  console.log(`\nsyncs independent of the number of KPIs: ${same ? 'yes' : 'NO'} (${rows[0].syncs} for ${smallest.anchors.kpis.length} KPI(s), ${rows[1].syncs} for ${largest.anchors.kpis.length})`);
  if (!same || rows.some((r) => !r.ok)) process.exitCode = 1;
  void MockSheet;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
