/// <reference types="office-js" />
// A small in-memory Excel object model for the Office.js adapter's tests: worksheets, ranges and
// formats are recorded into plain cell maps the tests can compare with the exceljs writer's output.
// No Node-only imports: the browser test's fake Excel host (tests/taskpane/browser/) and
// bench/syncs.js run it too. tests/office/excel-mock.ts puts it behind an office-addin-mock context.
//
// It behaves like Excel where the adapter could go wrong:
// - strings written through range.formulas/values are coerced as Excel coerces typed input (numbers,
//   percentages, dates, booleans) unless they start with an apostrophe, which is dropped;
// - a 2-D write must match its range's dimensions; getRanges refuses addresses over 255 characters;
// - a protected sheet refuses further writes; sheet names are unique ignoring case;
// - loaded properties can be read only after the next context.sync();
// - every queued call is counted with an estimate of its request bytes, per sync.
import { columnLetter, columnNumber } from '../../src/layout/a1';
import { FormulaEvaluator, officeValue } from './formula';

export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1048576;
const MAX_COL = 16384;

export function parseAddress(address: string): Rect {
  const a = address.replace(/\$/g, '').trim().toUpperCase();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
  if (m) {
    const top = Number(m[2]);
    const left = columnNumber(m[1]);
    return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left };
  }
  m = /^([A-Z]+):([A-Z]+)$/.exec(a);
  if (m) return { top: 1, left: columnNumber(m[1]), bottom: MAX_ROW, right: columnNumber(m[2]) };
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) return { top: Number(m[1]), left: 1, bottom: Number(m[2]), right: MAX_COL };
  throw new Error(`InvalidArgument: not an address: ${address}`);
}

export function rectText(r: Rect): string {
  return r.top === r.bottom && r.left === r.right ? `${columnLetter(r.left)}${r.top}` : `${columnLetter(r.left)}${r.top}:${columnLetter(r.right)}${r.bottom}`;
}

type Scalar = string | number | boolean;
type Side = 'top' | 'bottom' | 'left' | 'right';
export interface BorderLine {
  style?: string;
  weight?: string;
  color?: string;
}

export class MockCell {
  /** What Excel keeps: '=formula', a number, a boolean, a string, or '' for nothing. */
  input: Scalar = '';
  /** True when the stored string came from an apostrophe-prefixed input. */
  quotePrefix = false;
  numberFormat = 'General';
  font = { name: 'Calibri', size: 11, bold: false, color: '#000000' };
  fill: string | null = null;
  borders: Partial<Record<Side, BorderLine>> = {};
  horizontalAlignment = 'General';
  verticalAlignment = 'Bottom';
  wrapText = false;
  shrinkToFit = false;
  locked = true;
}

export interface MockValidation {
  rect: Rect;
  rule?: Excel.DataValidationRule;
  ignoreBlanks?: boolean;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
}

export interface MockConditionalFormat {
  rect: Rect;
  type: string;
  formula?: string;
  fill?: string;
  font?: string;
  /** type 'DataBar': its bounds and bar. */
  dataBar?: { lower?: Excel.ConditionalDataBarRule; upper?: Excel.ConditionalDataBarRule; fillColor?: string; gradientFill?: boolean };
}

/** How Excel reads a typed string (a sufficient subset: numbers, percentages, dates, booleans). */
function coerce(text: string): { input: Scalar; quotePrefix: boolean } {
  if (text.startsWith("'")) return { input: text.slice(1), quotePrefix: true };
  if (text.startsWith('=')) return { input: text, quotePrefix: false };
  const t = text.normalize('NFKC').trim();
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?(e[-+]?\d+)?%?$/i.test(t) && /\d/.test(t)) {
    const n = Number(t.replace(/[,%]/g, ''));
    return { input: t.endsWith('%') ? n / 100 : n, quotePrefix: false };
  }
  if (/^(true|false)$/i.test(t)) return { input: /^true$/i.test(t), quotePrefix: false };
  if (/^\d{1,4}[/\-.年]\d{1,2}([/\-.月]\d{1,4}日?)?$/.test(t) || /^\d{1,2}月\d{1,2}日$/.test(t) || /^(令和|平成|[RH])\d+[.年]/.test(t)) return { input: 44000, quotePrefix: false };
  return { input: text, quotePrefix: false };
}

const encoder = new TextEncoder();
function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : encoder.encode(JSON.stringify(value) ?? '').length;
}

export class MockWorkbook {
  readonly sheets: MockSheet[] = [];
  syncCount = 0;
  /** Per sync: queued calls and their estimated request bytes (arguments + 150 bytes per call). */
  readonly requests: { calls: number; bytes: number }[] = [];
  private pending = { calls: 0, bytes: 0 };
  activeSheet: MockSheet | null = null;
  /** The cell or range last selected with range.select(). */
  selection: { sheet: string; address: string } | null = null;
  calculationSuspendedAt: number[] = [];
  screenSuspendedAt: number[] = [];

  record(args?: unknown): void {
    this.pending.calls++;
    this.pending.bytes += 150 + jsonBytes(args);
  }

  onSync(): void {
    this.requests.push(this.pending);
    this.pending = { calls: 0, bytes: 0 };
    this.syncCount++;
  }

  sheet(name: string): MockSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A fresh evaluator over the current cells: what Excel's recalculation would show. */
  evaluator(): FormulaEvaluator {
    return new FormulaEvaluator({
      input: (sheet, row, col) => {
        const s = this.sheet(sheet);
        if (!s) return '#REF!';
        const c = s.peek(row, col);
        return c ? c.input : '';
      },
      isText: (sheet, row, col) => this.sheet(sheet)?.peek(row, col)?.quotePrefix === true,
    });
  }

  /** The value Excel would show at one cell (formulas calculated). */
  valueAt(sheet: string, row: number, col: number): string | number | boolean {
    return officeValue(this.evaluator().cell(sheet, row, col));
  }
}

export class MockSheet {
  readonly cells = new Map<string, MockCell>();
  readonly merges: Rect[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly rowHeights = new Map<number, number>();
  readonly validations: MockValidation[] = [];
  /** In priority order: index 0 is applied first. */
  readonly conditionalFormats: MockConditionalFormat[] = [];
  readonly page: Record<string, unknown> = {};
  visibility = 'Visible';
  tabColor = '';
  showGridlines = true;
  freeze: { rows: number; columns: number } | null = null;
  /** The range worksheet.autoFilter.apply was given. */
  autoFilter: string | null = null;
  protection: { protected: boolean; options?: Excel.WorksheetProtectionOptions; password?: string } = { protected: false };

  constructor(
    readonly book: MockWorkbook,
    public name: string,
  ) {}

  cell(row: number, col: number): MockCell {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = new MockCell()));
    return c;
  }

  peek(row: number, col: number): MockCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  assertWritable(): void {
    if (this.protection.protected) throw new Error(`AccessDenied: sheet ${this.name} is protected`);
  }
}

function eachCell(areas: Rect[], fn: (row: number, col: number) => void): void {
  for (const a of areas) {
    if (a.bottom - a.top > 100000 || a.right - a.left > 1000) throw new Error('mock: refusing to touch a whole row or column cell by cell');
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) fn(r, c);
  }
}

class MockBorder {
  constructor(
    private readonly range: MockRange,
    private readonly edge: string,
  ) {}
  private apply(attr: keyof BorderLine, value: string): void {
    const sheet = this.range.sheet;
    sheet.book.record([this.edge, attr, value]);
    sheet.assertWritable();
    const set = (row: number, col: number, side: Side) => {
      const cell = sheet.cell(row, col);
      cell.borders[side] = { ...cell.borders[side], [attr]: value };
    };
    for (const a of this.range.areas) {
      eachCell([a], (r, c) => {
        if (this.edge === 'EdgeTop' && r === a.top) set(r, c, 'top');
        if (this.edge === 'EdgeBottom' && r === a.bottom) set(r, c, 'bottom');
        if (this.edge === 'EdgeLeft' && c === a.left) set(r, c, 'left');
        if (this.edge === 'EdgeRight' && c === a.right) set(r, c, 'right');
        if (this.edge === 'InsideHorizontal') {
          if (r < a.bottom) set(r, c, 'bottom');
          if (r > a.top) set(r, c, 'top');
        }
        if (this.edge === 'InsideVertical') {
          if (c < a.right) set(r, c, 'right');
          if (c > a.left) set(r, c, 'left');
        }
      });
    }
  }
  set style(v: string) {
    this.apply('style', v);
  }
  set weight(v: string) {
    this.apply('weight', v);
  }
  set color(v: string) {
    this.apply('color', v);
  }
}

class MockFormat {
  constructor(private readonly range: MockRange) {}

  private setEach(args: unknown, fn: (cell: MockCell) => void): void {
    this.range.sheet.book.record(args);
    this.range.sheet.assertWritable();
    eachCell(this.range.areas, (r, c) => fn(this.range.sheet.cell(r, c)));
  }

  readonly font = (() => {
    const self = this;
    return {
      set name(v: string) {
        self.setEach(v, (c) => (c.font.name = v));
      },
      set size(v: number) {
        self.setEach(v, (c) => (c.font.size = v));
      },
      set bold(v: boolean) {
        self.setEach(v, (c) => (c.font.bold = v));
      },
      set color(v: string) {
        self.setEach(v, (c) => (c.font.color = v));
      },
    };
  })();

  readonly fill = (() => {
    const self = this;
    return {
      set color(v: string) {
        self.setEach(v, (c) => (c.fill = v));
      },
      clear() {
        self.setEach(undefined, (c) => (c.fill = null));
      },
    };
  })();

  readonly borders = { getItem: (edge: string) => (this.range.sheet.book.record(edge), new MockBorder(this.range, edge)) };

  readonly protection = (() => {
    const self = this;
    return {
      set locked(v: boolean) {
        self.setEach(v, (c) => (c.locked = v));
      },
    };
  })();

  set horizontalAlignment(v: string) {
    this.setEach(v, (c) => (c.horizontalAlignment = v));
  }
  set verticalAlignment(v: string) {
    this.setEach(v, (c) => (c.verticalAlignment = v));
  }
  set wrapText(v: boolean) {
    this.setEach(v, (c) => (c.wrapText = v));
  }
  set shrinkToFit(v: boolean) {
    this.setEach(v, (c) => (c.shrinkToFit = v));
  }
  set columnWidth(points: number) {
    const sheet = this.range.sheet;
    sheet.book.record(points);
    for (const a of this.range.areas) {
      if (a.top !== 1 || a.bottom !== MAX_ROW) throw new Error('mock: columnWidth is only set on whole columns here');
      for (let c = a.left; c <= a.right; c++) sheet.columnWidths.set(c, points);
    }
  }
  set rowHeight(points: number) {
    const sheet = this.range.sheet;
    sheet.book.record(points);
    for (const a of this.range.areas) {
      if (a.left !== 1 || a.right !== MAX_COL) throw new Error('mock: rowHeight is only set on whole rows here');
      for (let r = a.top; r <= a.bottom; r++) sheet.rowHeights.set(r, points);
    }
  }
}

class MockDataValidation {
  private readonly entries: MockValidation[];
  constructor(private readonly range: MockRange) {
    this.entries = range.areas.map((rect) => ({ rect }));
  }
  private set<K extends keyof MockValidation>(key: K, value: MockValidation[K]): void {
    const sheet = this.range.sheet;
    sheet.book.record(value);
    sheet.assertWritable();
    for (const e of this.entries) {
      if (!sheet.validations.includes(e)) sheet.validations.push(e);
      e[key] = value;
    }
  }
  set rule(v: Excel.DataValidationRule) {
    this.set('rule', v);
  }
  set ignoreBlanks(v: boolean) {
    this.set('ignoreBlanks', v);
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this.set('prompt', v);
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this.set('errorAlert', v);
  }
}

// (No parameter properties where field initializers need them: native class fields run first.)
class MockConditionalFormatObject {
  private readonly sheet: MockSheet;
  private readonly entry: MockConditionalFormat;
  readonly custom;
  readonly dataBar;
  constructor(sheet: MockSheet, entry: MockConditionalFormat) {
    this.sheet = sheet;
    this.entry = entry;
    const bar = () => {
      if (entry.type !== 'DataBar') throw new Error(`mock: a ${entry.type} conditional format has no dataBar`);
      return (entry.dataBar ??= {});
    };
    this.dataBar = {
      set lowerBoundRule(v: Excel.ConditionalDataBarRule) {
        sheet.book.record(v);
        bar().lower = v;
      },
      set upperBoundRule(v: Excel.ConditionalDataBarRule) {
        sheet.book.record(v);
        bar().upper = v;
      },
      positiveFormat: {
        set fillColor(v: string) {
          sheet.book.record(v);
          bar().fillColor = v;
        },
        set gradientFill(v: boolean) {
          sheet.book.record(v);
          bar().gradientFill = v;
        },
      },
    };
    this.custom = {
      rule: {
        set formula(v: string) {
          sheet.book.record(v);
          entry.formula = v;
        },
      },
      format: {
        fill: {
          set color(v: string) {
            sheet.book.record(v);
            entry.fill = v;
          },
        },
        font: {
          set color(v: string) {
            sheet.book.record(v);
            entry.font = v;
          },
        },
      },
    };
  }
  set priority(v: number) {
    this.sheet.book.record(v);
    const list = this.sheet.conditionalFormats;
    list.splice(list.indexOf(this.entry), 1);
    list.splice(v, 0, this.entry);
  }
}

const LOADABLE = ['address', 'rowIndex', 'columnIndex', 'values', 'formulas', 'numberFormat', 'rowCount', 'columnCount'] as const;

export class MockRange {
  private loadRequestedAt: number | null = null;
  private loadedProps = new Set<string>();

  constructor(
    readonly sheet: MockSheet,
    readonly areas: Rect[],
    readonly isNullObject = false,
  ) {}

  private get single(): Rect {
    if (this.areas.length !== 1) throw new Error('mock: a 2-D write needs one rectangular range');
    return this.areas[0];
  }

  private write2d(values: unknown[][], fn: (cell: MockCell, v: unknown) => void): void {
    const a = this.single;
    this.sheet.book.record(values);
    this.sheet.assertWritable();
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    if (!Array.isArray(values) || values.length !== rows || values.some((r) => !Array.isArray(r) || r.length !== cols))
      throw new Error(`InvalidArgument: the 2-D array does not match ${rectText(a)} (${rows}×${cols})`);
    values.forEach((row, i) => row.forEach((v, j) => fn(this.sheet.cell(a.top + i, a.left + j), v)));
  }

  set formulas(values: Scalar[][]) {
    this.write2d(values, (cell, v) => {
      if (typeof v === 'string') Object.assign(cell, coerce(v));
      else Object.assign(cell, { input: v as Scalar, quotePrefix: false });
    });
  }
  set values(values: Scalar[][]) {
    this.formulas = values;
  }
  set numberFormat(values: string[][]) {
    this.write2d(values, (cell, v) => (cell.numberFormat = String(v)));
  }

  readonly format = new MockFormat(this);
  private dv?: MockDataValidation;
  get dataValidation(): MockDataValidation {
    return (this.dv ??= new MockDataValidation(this));
  }
  readonly conditionalFormats = {
    add: (type: string) => {
      this.sheet.book.record(type);
      this.sheet.assertWritable();
      const entry: MockConditionalFormat = { rect: this.single, type };
      this.sheet.conditionalFormats.push(entry); // appended last: the adapter must set priorities itself
      return new MockConditionalFormatObject(this.sheet, entry);
    },
  };

  set columnHidden(v: boolean) {
    this.sheet.book.record(v);
    const a = this.single;
    for (let c = a.left; c <= a.right; c++) (v ? this.sheet.hiddenColumns.add(c) : this.sheet.hiddenColumns.delete(c));
  }

  select(): void {
    this.sheet.book.record();
    if (this.sheet.visibility !== 'Visible') throw new Error('InvalidOperation: a cell on a hidden sheet cannot be selected');
    this.sheet.book.activeSheet = this.sheet;
    this.sheet.book.selection = { sheet: this.sheet.name, address: this.areas.map(rectText).join(',') };
  }

  merge(across = false): void {
    this.sheet.book.record(across);
    this.sheet.assertWritable();
    const a = this.single;
    const parts = across ? Array.from({ length: a.bottom - a.top + 1 }, (_, i) => ({ ...a, top: a.top + i, bottom: a.top + i })) : [a];
    for (const p of parts) {
      if (p.top === p.bottom && p.left === p.right) continue;
      if (this.sheet.merges.some((m) => m.top <= p.bottom && p.top <= m.bottom && m.left <= p.right && p.left <= m.right))
        throw new Error(`InvalidOperation: ${rectText(p)} overlaps a merged range`);
      this.sheet.merges.push(p);
    }
  }

  load(props?: string | string[]): this {
    this.sheet.book.record(props);
    const list = props === undefined ? [...LOADABLE] : (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim());
    for (const p of list) this.loadedProps.add(p);
    this.loadRequestedAt = this.sheet.book.syncCount;
    return this;
  }

  private loaded(prop: string): void {
    if (this.loadRequestedAt === null || !this.loadedProps.has(prop)) throw new Error(`PropertyNotLoaded: ${prop}`);
    if (this.sheet.book.syncCount <= this.loadRequestedAt) throw new Error(`PropertyNotLoaded: ${prop} (context.sync() not called yet)`);
  }

  private grid<T>(fn: (cell: MockCell | undefined) => T): T[][] {
    const a = this.single;
    const out: T[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: T[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(fn(this.sheet.peek(r, c)));
      out.push(row);
    }
    return out;
  }

  get address(): string {
    this.loaded('address');
    return `${this.sheet.name.includes(' ') || /[^\w]/.test(this.sheet.name) ? `'${this.sheet.name.replace(/'/g, "''")}'` : this.sheet.name}!${this.areas.map(rectText).join(',')}`;
  }
  get rowIndex(): number {
    this.loaded('rowIndex');
    return this.single.top - 1;
  }
  get columnIndex(): number {
    this.loaded('columnIndex');
    return this.single.left - 1;
  }
  get formulas(): Scalar[][] {
    this.loaded('formulas');
    return this.grid((c) => c?.input ?? '');
  }
  get values(): Scalar[][] {
    this.loaded('values');
    // Formulas are calculated (tests/office/formula.ts), as Excel reports them.
    const evaluator = this.sheet.book.evaluator();
    const a = this.single;
    return this.grid((c) => c?.input ?? '').map((row, i) =>
      row.map((v, j) => (typeof v === 'string' && v.startsWith('=') ? officeValue(evaluator.cell(this.sheet.name, a.top + i, a.left + j)) : v)),
    );
  }
  get numberFormat(): string[][] {
    this.loaded('numberFormat');
    return this.grid((c) => c?.numberFormat ?? 'General');
  }
}

export class MockWorksheet {
  readonly collection: MockWorksheets;
  readonly model: MockSheet;
  constructor(collection: MockWorksheets, model: MockSheet) {
    this.collection = collection;
    this.model = model;
    this.freezePanes = this.makeFreezePanes();
    this.pageLayout = this.makePageLayout();
    this.protection = this.makeProtection();
    this.autoFilter = {
      apply: (range: string) => {
        this.book.record(range);
        parseAddress(range);
        this.model.autoFilter = range;
      },
    };
  }
  readonly autoFilter;
  readonly freezePanes;
  readonly pageLayout;
  readonly protection;
  private get book() {
    return this.model.book;
  }
  get name(): string {
    return this.model.name;
  }
  set name(v: string) {
    this.book.record(v);
    this.collection.checkName(v, this.model);
    this.model.name = v;
  }
  get visibility(): string {
    return this.model.visibility;
  }
  get position(): number {
    return this.book.sheets.indexOf(this.model);
  }
  set position(v: number) {
    this.book.record(v);
    const list = this.book.sheets;
    if (!Number.isInteger(v) || v < 0 || v >= list.length) throw new Error(`InvalidArgument: position ${v}`);
    list.splice(list.indexOf(this.model), 1);
    list.splice(v, 0, this.model);
  }
  readonly isNullObject = false;
  load(props?: string | string[]): this {
    this.book.record(props);
    return this;
  }
  set visibility(v: string) {
    this.book.record(v);
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new Error(`InvalidArgument: visibility ${v}`);
    this.model.visibility = v;
  }
  set tabColor(v: string) {
    this.book.record(v);
    this.model.tabColor = v;
  }
  set showGridlines(v: boolean) {
    this.book.record(v);
    this.model.showGridlines = v;
  }
  private makeFreezePanes() {
    return {
    freezeAt: (range: string) => {
      this.book.record(range);
      const r = parseAddress(range);
      this.model.freeze = { rows: r.bottom, columns: r.right };
    },
    freezeRows: (n: number) => (this.book.record(n), (this.model.freeze = { rows: n, columns: 0 })),
    freezeColumns: (n: number) => (this.book.record(n), (this.model.freeze = { rows: 0, columns: n })),
    };
  }
  private makePageLayout() {
    const page = this.model.page;
    const book = this.book;
    const prop = (key: string) => ({
      set(v: unknown) {
        book.record(v);
        page[key] = v;
      },
      enumerable: true,
    });
    const layout = Object.defineProperties(
      {
        setPrintArea: (a: string) => (book.record(a), (page.printArea = a)),
        setPrintTitleRows: (a: string) => (book.record(a), (page.printTitleRows = a)),
        headersFooters: { defaultForAllPages: Object.defineProperties({}, { centerHeader: prop('centerHeader'), centerFooter: prop('centerFooter') }) },
      },
      Object.fromEntries(['paperSize', 'orientation', 'zoom', 'leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin', 'centerHorizontally'].map((k) => [k, prop(k)])),
    );
    return layout;
  }
  private makeProtection() {
    return {
    protect: (options?: Excel.WorksheetProtectionOptions, password?: string) => {
      this.book.record([options, password]);
      if (this.model.protection.protected) throw new Error('InvalidOperation: the sheet is already protected');
      this.model.protection = { protected: true, options, password };
    },
    };
  }
  getRange(address: string): MockRange {
    this.book.record(address);
    return new MockRange(this.model, [parseAddress(address)]);
  }
  getRanges(address: string): MockRange {
    this.book.record(address);
    if (address.length > 255) throw new Error(`InvalidArgument: address longer than 255 characters (${address.length})`);
    return new MockRange(
      this.model,
      address.split(/[,;]/).map((a) => parseAddress(a)),
    );
  }
  getUsedRangeOrNullObject(valuesOnly = false): MockRange {
    this.book.record(valuesOnly);
    let rect: Rect | null = null;
    for (const [key, cell] of this.model.cells) {
      if (valuesOnly && cell.input === '') continue;
      const [r, c] = key.split(',').map(Number);
      rect = rect ? { top: Math.min(rect.top, r), left: Math.min(rect.left, c), bottom: Math.max(rect.bottom, r), right: Math.max(rect.right, c) } : { top: r, left: c, bottom: r, right: c };
    }
    return rect ? new MockRange(this.model, [rect]) : new MockRange(this.model, [{ top: 1, left: 1, bottom: 1, right: 1 }], true);
  }
  activate(): void {
    this.book.record();
    if (this.model.visibility !== 'Visible') throw new Error('InvalidOperation: a hidden sheet cannot be activated');
    this.book.activeSheet = this.model;
  }
  delete(): void {
    this.book.record();
    const i = this.book.sheets.indexOf(this.model);
    if (i < 0) throw new Error('ItemNotFound');
    if (this.book.sheets.filter((s) => s !== this.model && s.visibility === 'Visible').length === 0) throw new Error('InvalidOperation: the last visible sheet cannot be deleted');
    this.book.sheets.splice(i, 1);
  }
}

export class MockWorksheets {
  private loadRequestedAt: number | null = null;
  constructor(readonly book: MockWorkbook) {}

  checkName(name: string, self?: MockSheet): void {
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name)) throw new Error(`InvalidArgument: bad sheet name ${name}`);
    const other = this.book.sheet(name);
    if (other && other !== self) throw new Error(`ItemAlreadyExists: ${name}`);
  }
  add(name: string): MockWorksheet {
    this.book.record(name);
    this.checkName(name);
    const sheet = new MockSheet(this.book, name);
    this.book.sheets.push(sheet);
    return new MockWorksheet(this, sheet);
  }
  getItem(name: string): MockWorksheet {
    this.book.record(name);
    const sheet = this.book.sheet(name);
    if (!sheet) throw new Error(`ItemNotFound: ${name}`);
    return new MockWorksheet(this, sheet);
  }
  getItemOrNullObject(name: string): MockWorksheet | NullWorksheet {
    this.book.record(name);
    const sheet = this.book.sheet(name);
    return sheet ? new MockWorksheet(this, sheet) : new NullWorksheet(this.book);
  }
  getActiveWorksheet(): MockWorksheet {
    this.book.record();
    const sheet = this.book.activeSheet && this.book.sheets.includes(this.book.activeSheet) ? this.book.activeSheet : this.book.sheets.find((s) => s.visibility === 'Visible');
    if (!sheet) throw new Error('ItemNotFound: no active worksheet');
    return new MockWorksheet(this, sheet);
  }
  load(props?: string): this {
    this.book.record(props);
    this.loadRequestedAt = this.book.syncCount;
    return this;
  }
  get items(): MockWorksheet[] {
    if (this.loadRequestedAt === null || this.book.syncCount <= this.loadRequestedAt) throw new Error('PropertyNotLoaded: items');
    return this.book.sheets.map((s) => new MockWorksheet(this, s));
  }
}


/** What getItemOrNullObject returns for a sheet that is not there. */
export class NullWorksheet {
  readonly isNullObject = true;
  constructor(private readonly book: MockWorkbook) {}
  load(props?: string | string[]): this {
    this.book.record(props);
    return this;
  }
  getUsedRangeOrNullObject(): MockRange {
    this.book.record();
    return new MockRange(new MockSheet(this.book, '~null'), [{ top: 1, left: 1, bottom: 1, right: 1 }], true);
  }
}

export interface MockApplication {
  suspendApiCalculationUntilNextSync(): void;
  suspendScreenUpdatingUntilNextSync(): void;
}

export function mockApplication(book: MockWorkbook): MockApplication {
  return {
    suspendApiCalculationUntilNextSync: () => (book.record(), void book.calculationSuspendedAt.push(book.syncCount)),
    suspendScreenUpdatingUntilNextSync: () => (book.record(), void book.screenSuspendedAt.push(book.syncCount)),
  };
}

/**
 * A request context without office-addin-mock: plain objects over the same workbook. The browser
 * test's fake host and bench/syncs.js use it (office-addin-mock needs Node); jest uses createMockExcel.
 */
export function createPlainExcel(existingSheets: string[] = [], book = new MockWorkbook()): { context: Excel.RequestContext; book: MockWorkbook } {
  for (const name of existingSheets) book.sheets.push(new MockSheet(book, name));
  const worksheets = new MockWorksheets(book);
  const context = {
    workbook: { worksheets, properties: { title: '' } },
    application: mockApplication(book),
    sync: async () => {
      book.onSync();
    },
  };
  return { context: context as unknown as Excel.RequestContext, book };
}
