// A small Excel formula evaluator for the mock workbook: enough of Excel to compute every formula the
// layouts write (IF, AND, OR, ISNUMBER, ROUND, MIN, TEXT, COUNT, SUM, FIND, ISERROR, LEN, ISBLANK, the
// operators + - * / & = <> < > <= >=, cell and range references, 'Sheet'!A1 across sheets). With it the
// mock reports what Excel would show in range.values, so a test can tell whether a formula points at
// the right cells: its value then equals the rules engine's. Browser-safe (the fake host uses it too).
//
// Excel semantics kept: a blank cell is 0 in arithmetic and "" in text and comparisons; text compares
// case-insensitively and is greater than any number; errors propagate; IF evaluates one branch only;
// COUNT and SUM skip text in references. ROUND and TEXT round as Excel does (half away from zero on
// the value cut to 15 significant digits: src/rules/round.ts, itself tested against a decimal reference).

import { excelRound, formatFixed } from '../../src/rules/round';

export type FormulaError = { error: string };
export type Value = number | string | boolean | null | FormulaError;

export interface CellSource {
  /** What the cell holds: a formula ('=…'), a number, a boolean, a string, or '' / null for nothing. */
  input(sheet: string, row: number, col: number): string | number | boolean | null;
  /** True when a string input is text even though it starts with '=' (typed with an apostrophe). */
  isText?(sheet: string, row: number, col: number): boolean;
}

type Ref = { sheet: string; top: number; left: number; bottom: number; right: number };

type Node =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'bool'; v: boolean }
  | { t: 'ref'; ref: Ref }
  | { t: 'fn'; name: string; args: Node[] }
  | { t: 'un'; op: string; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node };

const isError = (v: unknown): v is FormulaError => typeof v === 'object' && v !== null && 'error' in v;
const VALUE: FormulaError = { error: '#VALUE!' };
const DIV0: FormulaError = { error: '#DIV/0!' };

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

// ---------------------------------------------------------------------------------------------------
// Parsing

function parse(formula: string, sheet: string): Node {
  let i = 0;
  const s = formula;
  const ws = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const fail = (what: string): never => {
    throw new Error(`formula: ${what} at ${i} in ${formula}`);
  };
  const cellAt = (text: string) => {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(text);
    return m ? { row: Number(m[2]), col: columnNumber(m[1]) } : null;
  };

  function primary(): Node {
    ws();
    const c = s[i];
    if (c === '(') {
      i++;
      const e = comparison();
      ws();
      if (s[i] !== ')') fail('missing )');
      i++;
      return e;
    }
    if (c === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= s.length) fail('unterminated string');
        if (s[i] === '"') {
          if (s[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += s[i++];
      }
      return { t: 'str', v: out };
    }
    if (/[0-9.]/.test(c)) {
      const m = /^\d*\.?\d+(?:[eE][-+]?\d+)?/.exec(s.slice(i))!;
      i += m[0].length;
      return { t: 'num', v: Number(m[0]) };
    }
    // A sheet-qualified reference: 'Sheet name'!A1 or Sheet1!A1
    let refSheet = sheet;
    if (c === "'") {
      let name = '';
      i++;
      for (;;) {
        if (i >= s.length) fail('unterminated sheet name');
        if (s[i] === "'") {
          if (s[i + 1] === "'") {
            name += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += s[i++];
      }
      if (s[i] !== '!') fail('expected !');
      i++;
      refSheet = name;
    }
    const m = /^[A-Za-z_$][\w.$]*/.exec(s.slice(i));
    if (!m) return fail(`unexpected ${c}`);
    let word = m[0];
    i += word.length;
    if (s[i] === '!' && refSheet === sheet && c !== "'") {
      refSheet = word;
      i++;
      const n = /^\$?[A-Za-z]{1,3}\$?\d+/.exec(s.slice(i));
      if (!n) fail('expected a cell after !');
      word = n![0];
      i += word.length;
    }
    ws();
    if (s[i] === '(' && refSheet === sheet && c !== "'") {
      i++;
      const args: Node[] = [];
      ws();
      if (s[i] === ')') i++;
      else
        for (;;) {
          args.push(comparison());
          ws();
          if (s[i] === ',') {
            i++;
            continue;
          }
          if (s[i] === ')') {
            i++;
            break;
          }
          fail('expected , or )');
        }
      return { t: 'fn', name: word.toUpperCase(), args };
    }
    if (/^(TRUE|FALSE)$/i.test(word)) return { t: 'bool', v: /^TRUE$/i.test(word) };
    const first = cellAt(word);
    if (!first) return fail(`unknown name ${word}`);
    let last = first;
    if (s[i] === ':') {
      i++;
      const n = /^\$?[A-Za-z]{1,3}\$?\d+/.exec(s.slice(i));
      if (!n) fail('expected a cell after :');
      i += n![0].length;
      last = cellAt(n![0])!;
    }
    return {
      t: 'ref',
      ref: { sheet: refSheet, top: Math.min(first.row, last.row), left: Math.min(first.col, last.col), bottom: Math.max(first.row, last.row), right: Math.max(first.col, last.col) },
    };
  }
  function unary(): Node {
    ws();
    if (s[i] === '-' || s[i] === '+') {
      const op = s[i++];
      return { t: 'un', op, a: unary() };
    }
    return primary();
  }
  function binary(next: () => Node, ops: string[]): () => Node {
    return () => {
      let a = next();
      for (;;) {
        ws();
        const op = ops.find((o) => s.startsWith(o, i));
        if (!op) return a;
        i += op.length;
        a = { t: 'bin', op, a, b: next() };
      }
    };
  }
  const multiplicative = binary(unary, ['*', '/']);
  const additive = binary(multiplicative, ['+', '-']);
  const concat = binary(additive, ['&']);
  const comparison = binary(concat, ['<>', '<=', '>=', '=', '<', '>']);
  const tree = comparison();
  ws();
  if (i !== s.length) fail('trailing input');
  return tree;
}

function excelValue(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(15));
}

function textFormat(x: number, format: string): string {
  const m = /^0(?:\.(0+))?$/.exec(format);
  if (!m) throw new Error(`TEXT format not supported by the mock: ${format}`);
  return formatFixed(x, m[1]?.length ?? 0);
}

// ---------------------------------------------------------------------------------------------------
// Evaluation

type Scalar = number | string | boolean | null;

function asNumber(v: Value): number | FormulaError {
  if (isError(v)) return v;
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return VALUE;
  return Number(t);
}

function asText(v: Value): string | FormulaError {
  if (isError(v)) return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return String(excelValue(v));
  return v;
}

function asBool(v: Value): boolean | FormulaError {
  if (isError(v)) return v;
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (/^true$/i.test(v)) return true;
  if (/^false$/i.test(v)) return false;
  return VALUE;
}

function compare(a: Scalar, b: Scalar): number {
  // Blank takes the other side's type: 0, "" or FALSE.
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === 'number' ? 0 : typeof b === 'boolean' ? false : '';
  if (b === null) b = typeof a === 'number' ? 0 : typeof a === 'boolean' ? false : '';
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export class FormulaEvaluator {
  private readonly memo = new Map<string, Value>();
  private readonly visiting = new Set<string>();
  private readonly parsed = new Map<string, Node>();

  constructor(private readonly source: CellSource) {}

  /** The value Excel shows for a cell. */
  cell(sheet: string, row: number, col: number): Value {
    const key = `${sheet.toLowerCase()}|${row}|${col}`;
    if (this.memo.has(key)) return this.memo.get(key)!;
    const input = this.source.input(sheet, row, col);
    if (typeof input !== 'string' || !input.startsWith('=') || this.source.isText?.(sheet, row, col)) return input === '' ? null : input;
    if (this.visiting.has(key)) return { error: '#CIRC!' };
    this.visiting.add(key);
    let value: Value;
    try {
      value = this.formula(input.slice(1), sheet);
    } finally {
      this.visiting.delete(key);
    }
    this.memo.set(key, value);
    return value;
  }

  /** Evaluates a formula (without '=') as if it stood on the given sheet. */
  formula(formula: string, sheet: string): Value {
    const cacheKey = `${sheet}\u0000${formula}`;
    let tree = this.parsed.get(cacheKey);
    if (!tree) this.parsed.set(cacheKey, (tree = parse(formula, sheet)));
    const v = this.eval(tree);
    // A formula whose result is a blank cell shows 0, as in Excel.
    return v === null ? 0 : v;
  }

  private refValues(ref: Ref): Value[] {
    const out: Value[] = [];
    for (let r = ref.top; r <= ref.bottom; r++) for (let c = ref.left; c <= ref.right; c++) out.push(this.cell(ref.sheet, r, c));
    return out;
  }

  private scalar(node: Node): Value {
    if (node.t === 'ref') {
      if (node.ref.top !== node.ref.bottom || node.ref.left !== node.ref.right) return VALUE;
      return this.cell(node.ref.sheet, node.ref.top, node.ref.left);
    }
    return this.eval(node);
  }

  private eval(node: Node): Value {
    switch (node.t) {
      case 'num':
      case 'str':
      case 'bool':
        return node.v;
      case 'ref':
        return this.scalar(node);
      case 'un': {
        const a = asNumber(this.scalar(node.a));
        return isError(a) ? a : node.op === '-' ? -a : a;
      }
      case 'bin': {
        const a = this.scalar(node.a);
        const b = this.scalar(node.b);
        if (isError(a)) return a;
        if (isError(b)) return b;
        if (node.op === '&') {
          const x = asText(a);
          const y = asText(b);
          return isError(x) ? x : isError(y) ? y : x + y;
        }
        if (['=', '<>', '<', '>', '<=', '>='].includes(node.op)) {
          const c = compare(a as Scalar, b as Scalar);
          return { '=': c === 0, '<>': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 }[node.op]!;
        }
        const x = asNumber(a);
        const y = asNumber(b);
        if (isError(x)) return x;
        if (isError(y)) return y;
        switch (node.op) {
          case '+':
            return x + y;
          case '-':
            return x - y;
          case '*':
            return x * y;
          case '/':
            return y === 0 ? DIV0 : x / y;
        }
        throw new Error(`operator ${node.op}`);
      }
      case 'fn':
        return this.call(node.name, node.args);
    }
  }

  private call(name: string, args: Node[]): Value {
    const arg = (k: number) => this.scalar(args[k]);
    switch (name) {
      case 'IF': {
        const c = asBool(arg(0));
        if (isError(c)) return c;
        if (c) return args.length > 1 ? arg(1) : true;
        return args.length > 2 ? arg(2) : false;
      }
      case 'AND':
      case 'OR': {
        let all = true;
        let any = false;
        for (const a of args) {
          const vals = a.t === 'ref' ? this.refValues(a.ref).filter((v) => typeof v === 'boolean' || typeof v === 'number' || isError(v)) : [this.scalar(a)];
          for (const v of vals) {
            const b = asBool(v);
            if (isError(b)) return b;
            all = all && b;
            any = any || b;
          }
        }
        return name === 'AND' ? all : any;
      }
      case 'ISNUMBER':
        return typeof arg(0) === 'number';
      case 'ISERROR':
        return isError(arg(0));
      case 'ISBLANK':
        return args[0].t === 'ref' ? this.source.input(args[0].ref.sheet, args[0].ref.top, args[0].ref.left) === '' || this.source.input(args[0].ref.sheet, args[0].ref.top, args[0].ref.left) === null : false;
      case 'LEN': {
        const t = asText(arg(0));
        return isError(t) ? t : t.length;
      }
      case 'FIND': {
        const needle = asText(arg(0));
        const hay = asText(arg(1));
        if (isError(needle)) return needle;
        if (isError(hay)) return hay;
        const at = hay.indexOf(needle);
        return at < 0 ? VALUE : at + 1;
      }
      case 'ROUND': {
        const x = asNumber(arg(0));
        const d = asNumber(arg(1));
        if (isError(x)) return x;
        if (isError(d)) return d;
        return excelRound(x, Math.trunc(d));
      }
      case 'TEXT': {
        const x = asNumber(arg(0));
        const f = asText(arg(1));
        if (isError(x)) return x;
        if (isError(f)) return f;
        return textFormat(x, f);
      }
      case 'MIN':
      case 'SUM':
      case 'COUNT': {
        const numbers: number[] = [];
        for (const a of args) {
          if (a.t === 'ref') {
            for (const v of this.refValues(a.ref)) {
              if (isError(v)) {
                if (name === 'COUNT') continue;
                return v;
              }
              if (typeof v === 'number') numbers.push(v);
            }
          } else {
            const v = this.eval(a);
            const n = asNumber(v);
            if (isError(n)) {
              if (name === 'COUNT') continue;
              return n;
            }
            if (name !== 'COUNT' || typeof v === 'number') numbers.push(n);
          }
        }
        if (name === 'COUNT') return numbers.length;
        if (name === 'SUM') return numbers.reduce((x, y) => x + y, 0);
        return numbers.length ? Math.min(...numbers) : 0;
      }
      default:
        throw new Error(`formula: function ${name} is not in the mock`);
    }
  }
}

/** How Office.js reports a value in range.values: errors as their text, nothing as ''. */
export function officeValue(v: Value): string | number | boolean {
  if (v === null) return '';
  if (isError(v)) return v.error;
  return v;
}
