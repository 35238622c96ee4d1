// parseClerkValue stays linear whatever a cell holds (up to Excel's 32,767 characters): checked on the
// structure of its regular expressions, not by timing. A backtracking engine goes quadratic (or worse) when
// one stretch of text can be split between two unbounded quantifiers in more than one way: nested
// (a+)+, or A* X B* where A, X and B share a character — the old "no value" pattern [-…]*[-][-…]*$ took
// 0.9 s on 32,766 dashes and an "x". Every pattern of src/rules/parse-number.ts is checked: the regex
// literals as the TypeScript parser finds them in the file, and the patterns it builds (BUILT_PATTERNS).
// The check is deliberately simple (group boundaries are flattened, character sets are sampled).
import { readFileSync } from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { BUILT_PATTERNS } from '../../src/rules/parse-number';

const FILE = path.join(__dirname, '..', '..', 'src', 'rules', 'parse-number.ts');

interface Item {
  src: string;
  unbounded: boolean;
  /** Inside a group that is itself unbounded ((a+)+). */
  inUnboundedGroup: boolean;
}

const ESCAPE_RE = /^\\(?:[pP]\{[^}]+\}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/;

/** The atoms of a pattern in order, groups flattened, each with whether its quantifier is unbounded. */
function items(source: string): Item[][] {
  const branches: Item[][] = [[]];
  const groupStarts: number[] = []; // where each open group's atoms begin
  let i = 0;
  const quantifier = (): boolean => {
    const m = /^(?:([*+?])|\{(\d+)(,(\d*))?\})\??/.exec(source.slice(i));
    if (!m) return false;
    i += m[0].length;
    return m[1] === '*' || m[1] === '+' || (m[3] !== undefined && m[4] === '');
  };
  while (i < source.length) {
    const c = source[i];
    const cur = branches[branches.length - 1];
    if (c === '|' && groupStarts.length === 0) {
      branches.push([]);
      i++;
      continue;
    }
    if (c === '(') {
      groupStarts.push(cur.length);
      i += /^\((?:\?(?:[:=!]|<[=!]|<\w+>))?/.exec(source.slice(i))![0].length;
      continue;
    }
    if (c === ')') {
      i++;
      const start = groupStarts.pop()!;
      if (quantifier()) for (let k = start; k < cur.length; k++) cur[k].inUnboundedGroup = true;
      continue;
    }
    if (c === '^' || c === '$' || c === '|') {
      i++;
      continue;
    }
    let atom: string;
    if (c === '[') atom = /^\[(?:\\.|[^\]\\])*\]/.exec(source.slice(i))![0];
    else if (c === '\\') atom = ESCAPE_RE.exec(source.slice(i))![0];
    else atom = String.fromCodePoint(source.codePointAt(i)!);
    i += atom.length;
    cur.push({ src: atom, unbounded: quantifier(), inUnboundedGroup: false });
  }
  return branches;
}

// Characters the patterns are about, to sample the sets of the atoms.
const SAMPLE = [
  ...Array.from({ length: 0x7f - 0x09 }, (_, k) => String.fromCharCode(0x09 + k)),
  ...'\u00a0\u3000\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\u2500\u2501▲△約件万億円千百兆以上下未満超程度・ー々%‰／①漢カひ°',
];
const chars = (atom: string, flags: string): Set<string> =>
  new Set(SAMPLE.filter((ch) => new RegExp(`^(?:${atom})$`, flags.replace(/[gy]/g, '')).test(ch)));
const meets = (a: Set<string>, b: Set<string>) => [...a].some((ch) => b.has(ch));

/** Why a pattern may backtrack super-linearly, or null. */
export function ambiguity(re: RegExp): string | null {
  for (const seq of items(re.source)) {
    const sets = seq.map((it) => chars(it.src, re.flags));
    for (let a = 0; a < seq.length; a++) {
      if (seq[a].unbounded && seq[a].inUnboundedGroup) return `nested quantifier at ${seq[a].src}`;
      if (!seq[a].unbounded) continue;
      for (let b = a + 1; b < seq.length; b++) {
        const shared = new Set([...sets[a]].filter((ch) => sets[b].has(ch)));
        if (!seq.slice(a + 1, b).every((_, k) => meets(sets[a + 1 + k], shared))) break;
        if (seq[b].unbounded && shared.size > 0) return `${seq[a].src}… and ${seq[b].src}… can split the same text`;
      }
    }
  }
  return null;
}

function patternsOfFile(): RegExp[] {
  const text = readFileSync(FILE, 'utf8');
  const file = ts.createSourceFile(FILE, text, ts.ScriptTarget.ES2022, true);
  const found: RegExp[] = [];
  let built = 0;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const end = literal.lastIndexOf('/');
      found.push(new RegExp(literal.slice(1, end), literal.slice(end + 1)));
    }
    if (ts.isNewExpression(node) && node.expression.getText() === 'RegExp') built++;
    ts.forEachChild(node, visit);
  };
  visit(file);
  // Every pattern the file builds is exported for this test: none escapes the check.
  expect(BUILT_PATTERNS).toHaveLength(built);
  return [...found, ...BUILT_PATTERNS];
}

test('the checker finds the shapes that backtrack', () => {
  expect(ambiguity(/^[\s-]*[-][\s-]*$/)).not.toBeNull();
  expect(ambiguity(/^(a+)+$/)).not.toBeNull();
  expect(ambiguity(/\d+\d+/)).not.toBeNull();
  expect(ambiguity(/^\s*x\s*$/)).toBeNull();
  expect(ambiguity(/^[\s-]+$/)).toBeNull();
  expect(ambiguity(/^[1-9]\d{0,2}(,\d{3})+$/)).toBeNull();
});

test('no pattern of parse-number.ts can split one stretch of text between two quantifiers', () => {
  const patterns = patternsOfFile();
  expect(patterns.length).toBeGreaterThan(20);
  const bad = patterns.map((re) => [re.source, ambiguity(re)]).filter(([, why]) => why !== null);
  expect(bad).toEqual([]);
});
