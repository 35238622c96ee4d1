// Problems found in a plan, each with its JSON path and told in Japanese and English; zod's issues
// translated into them. A wrong type is "expected number, got string", never "missing" (that is only
// for an absent field): zod reports the input when asked to (reportInput), so the type it got is known.
import type { z } from 'zod';

export interface PlanProblem {
  /** JSONPath-like location, e.g. $.items[3].kpis[0].direction */
  path: string;
  ja: string;
  en: string;
}

export type PathPart = string | number;

export function jsonPath(path: readonly PropertyKey[]): string {
  const part = (p: PropertyKey) => {
    if (typeof p === 'number') return `[${p}]`;
    return /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `[${JSON.stringify(String(p))}]`;
  };
  return '$' + path.map(part).join('');
}

const TYPE_JA: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: '真偽値',
  object: 'オブジェクト',
  array: '配列',
  null: 'null',
  undefined: '未指定',
};

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Custom messages in this model are written "en / ja". */
function customMessage(message: string): { ja: string; en: string } | null {
  const at = message.lastIndexOf(' / ');
  return at < 0 ? null : { en: message.slice(0, at), ja: message.slice(at + 3) };
}

/** zod's issue, told in both languages. */
export function describeIssue(issue: z.core.$ZodIssue): { ja: string; en: string } {
  const custom = customMessage(issue.message);
  if (custom) return custom;
  switch (issue.code) {
    case 'invalid_type': {
      const got = (issue as { input?: unknown }).input;
      const expected = String(issue.expected);
      const exJa = TYPE_JA[expected] ?? expected;
      if (got === undefined) return { ja: `必須の項目がありません（${exJa}）`, en: `required ${expected} is missing` };
      const gotType = typeName(got);
      return {
        ja: `${exJa}でなければなりません（${TYPE_JA[gotType] ?? gotType}が書かれています）`,
        en: `wrong type: expected ${expected}, got ${gotType}`,
      };
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      return inner ? describeIssue(inner) : { ja: '項目名が正しくありません', en: 'invalid key' };
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return { ja: `次のいずれかでなければなりません: ${values}`, en: `must be one of ${values}` };
    }
    case 'unrecognized_keys':
      return {
        ja: `不明な項目です: ${issue.keys.join(', ')}（名前の綴りを確認してください）`,
        en: `unknown field(s): ${issue.keys.join(', ')} (check the spelling)`,
      };
    case 'too_small':
      return { ja: `小さすぎるか短すぎます（最小 ${issue.minimum}）`, en: `too small or too short (minimum ${issue.minimum})` };
    case 'too_big':
      return { ja: `大きすぎるか長すぎます（最大 ${String(issue.maximum)}）`, en: `too big or too long (maximum ${issue.maximum})` };
    case 'invalid_union': {
      const got = typeName((issue as { input?: unknown }).input);
      const typeOf = (branch: z.core.$ZodIssue[]) =>
        branch[0]?.code === 'invalid_type' ? String(branch[0].expected) : 'value';
      const expected = [...new Set(issue.errors.map(typeOf))];
      const relative = expected.includes('object') ? ' {"relative":"previousActual"}' : '';
      return {
        ja: `${expected.map((e) => TYPE_JA[e] ?? e).join('、')}${relative}のいずれかでなければなりません` +
          `（${TYPE_JA[got] ?? got}が書かれています）`,
        en: `wrong type: expected ${expected.join(' or ')}${relative}, got ${got}`,
      };
    }
    default:
      return { ja: `値が正しくありません: ${issue.message}`, en: issue.message };
  }
}

/** Every issue of a failed parse as problems, under `prefix`. Pushes one by one: no spread of a huge array. */
export function pushIssues(
  problems: PlanProblem[],
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PathPart[],
): void {
  for (const issue of issues) problems.push({ path: jsonPath([...prefix, ...issue.path]), ...describeIssue(issue) });
}

/** A problem collector bound to a path prefix: add(['targets', 'R2'], ja, en). */
export function collector(problems: PlanProblem[], prefix: readonly PathPart[]) {
  return (path: readonly PathPart[], ja: string, en: string): void => {
    problems.push({ path: jsonPath([...prefix, ...path]), ja, en });
  };
}
