/// <reference types="office-js" />
// A stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser test: Office
// with onReady and a display language (?lang=en-US in the page URL switches it), and Excel.run over an
// in-browser workbook (the same object model the jest mock uses, tests/office/excel-model.ts, whose
// formula evaluator calculates what Excel would show). Every sync waits a little, as a round trip to
// Excel on the web would, so progress and the busy state can be seen. window.fakeExcel lets the test
// type into cells as a clerk would and look at the workbook. A layout the test puts in window.hyokaPreload
// (page.addInitScript) is written into the workbook before onReady: a workbook already open in Excel.
import { createPlainExcel, parseAddress } from '../../office/excel-model';
import { writeWorkbook } from '../../../src/office/write-sheet';
import type { WorkbookLayout } from '../../../src/layout/types';

const params = new URLSearchParams(location.search);
const displayLanguage = params.get('lang') ?? 'ja-JP';
const latency = Number(params.get('latency') ?? 40);

const { context, book } = createPlainExcel(['Sheet1']);
book.activeSheet = book.sheets[0];
const rawSync = context.sync.bind(context);
(context as unknown as { sync: () => Promise<void> }).sync = async () => {
  await new Promise((resolve) => setTimeout(resolve, latency));
  await rawSync();
};

const w = window as unknown as Record<string, unknown>;
w.Office = {
  HostType: { Excel: 'Excel' },
  PlatformType: { OfficeOnline: 'OfficeOnline' },
  context: { displayLanguage },
  onReady(callback?: (info: { host: string; platform: string }) => void) {
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    const preload = w.hyokaPreload as WorkbookLayout | undefined;
    const opened = preload ? writeWorkbook(context, preload).then(() => undefined) : Promise.resolve();
    return new Promise((resolve) =>
      setTimeout(() => {
        void opened.then(() => {
          callback?.(info);
          resolve(info);
        });
      }, 0),
    );
  },
};
let runs = 0;
w.Excel = {
  run: async <T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    runs++;
    return fn(context);
  },
};

/** What the test sees and does in the workbook. */
w.fakeExcel = {
  sheetNames: () => book.sheets.map((s) => s.name),
  activeSheet: () => book.activeSheet?.name ?? null,
  selection: () => book.selection,
  syncs: () => book.syncCount,
  runs: () => runs,
  activate(name: string) {
    const sheet = book.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    book.activeSheet = sheet;
  },
  /** Types a value into a cell, as a clerk would (formulas and protection are not in the way of typing into unlocked cells). */
  type(sheet: string, address: string, value: string | number) {
    const s = book.sheet(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const r = parseAddress(address);
    s.cell(r.top, r.left).input = value;
  },
  input(sheet: string, address: string) {
    const r = parseAddress(address);
    return book.sheet(sheet)?.peek(r.top, r.left)?.input ?? '';
  },
  value(sheet: string, address: string) {
    const r = parseAddress(address);
    return book.valueAt(sheet, r.top, r.left);
  },
  /** Row and column of the first cell whose input is the given text. */
  find(sheet: string, text: string) {
    const s = book.sheet(sheet);
    for (const [key, cell] of s?.cells ?? []) if (cell.input === text) return key.split(',').map(Number);
    return null;
  },
};
