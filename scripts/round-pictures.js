#!/usr/bin/env node
// The README's pictures of a round (「年度の進め方」): a locked R5 sheet as sent, and the 変更点 and 未提出
// sheets of the collected summary. One round on the bundled plan, in a temporary folder: distribute R5,
// one department loosens its overtime target and rewrites R4 (item 2-8-18, 人事課), two do not return,
// the others return untouched; collect; LibreOffice prints; pdftoppm crops.
// Usage: npm run build:cli && node scripts/round-pictures.js   (writes docs/images/round-*.png)
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const ExcelJS = require('exceljs');
const { loadWorkbook, workbookToPlan } = require('../dist/xlsx/read.js');
const { convertToPdf } = require('../dist/xlsx/libreoffice.js');

const REPO = path.join(__dirname, '..');
const IMAGES = path.join(REPO, 'docs', 'images');
let cwd = REPO;
const hyoka = (...args) => execFileSync(process.execPath, [path.join(REPO, 'bin', 'hyoka.js'), ...args], { stdio: 'pipe', cwd });
const tolerant = (...args) => {
  try {
    hyoka(...args);
  } catch (e) {
    if (e.status !== 1) throw e; // 1: the round is incomplete, as intended here
  }
};

/** The 1-based page of `pdf` whose text contains `needle`. */
function pageWith(pdf, needle) {
  const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f');
  const i = pages.findIndex((p) => p.includes(needle));
  if (i < 0) throw new Error(`${pdf}: no page with ${needle}`);
  return i + 1;
}

function crop(pdf, page, name, box) {
  const out = path.join(IMAGES, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), ...box, '-singlefile', pdf, out]);
  console.log(`${out}.png (page ${page})`);
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hyoka-round-pictures-'));
  try {
    fs.copyFileSync(path.join(REPO, 'seeds', 'gunma-2020.json'), path.join(dir, 'plan.json'));
    hyoka('distribute', path.join(dir, 'plan.json'), '--year', 'R5', '-o', path.join(dir, '配布'), '--round-id', 'R5-20261202T090000Z');
    const register = JSON.parse(fs.readFileSync(path.join(dir, '配布', '配布台帳.json'), 'utf8'));
    const returns = path.join(dir, '返送');
    fs.mkdirSync(returns);
    const jinji = register.entries.find((e) => e.items.some((i) => i.id === '2-8-18') && e.department.name === '人事課');
    register.entries.slice(0, -2).forEach((e) => fs.copyFileSync(path.join(dir, '配布', e.file), path.join(returns, e.file)));

    const sent = path.join(dir, '配布', jinji.file);
    const at = {};
    workbookToPlan(await loadWorkbook(sent), sent, at);
    const cells = at['2-8-18'][1];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sent);
    const ws = wb.getWorksheet(cells.R5.sheet);
    ws.getCell(cells.R5.target).value = 14;
    ws.getCell(cells.R4.actual).value = 12;
    ws.getCell(cells.R5.actual).value = 14.1;
    await wb.xlsx.writeFile(path.join(returns, jinji.file));
    cwd = dir; // file names in the summary as a clerk in the office would give them
    tolerant('collect', path.join('配布', '配布台帳.json'), '返送', '-o', '集計.xlsx');

    const sheetPdf = await convertToPdf(sent, path.join(dir, 'pdf'));
    crop(sheetPdf, pageWith(sheetPdf, '時間外勤務'), 'round-locked-sheet', ['-x', '20', '-y', '20', '-W', '1300', '-H', '560']);
    const summaryPdf = await convertToPdf(path.join(dir, '集計.xlsx'), path.join(dir, 'pdf'));
    crop(summaryPdf, pageWith(summaryPdf, '要確認'), 'round-changes', ['-x', '20', '-y', '20', '-W', '1300', '-H', '300']);
    crop(summaryPdf, pageWith(summaryPdf, '配布したファイル'), 'round-missing', ['-x', '20', '-y', '20', '-W', '1300', '-H', '260']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
