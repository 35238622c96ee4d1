// Every difference between two plans, as leaves with their paths. Arrays of items are matched by `id` and
// arrays of KPIs, KGIs and goals by `no`, so deleting one KPI is one difference, not a cascade through the
// KPIs after it; year maps are compared year by year. Absent and null are the same (canonicalJson's rule),
// so an untouched read-back has none.
import { canonicalJson } from './stamp';

export type PathPart = string | number;

export interface Difference {
  /** e.g. ['items', '1-1-1', 'kpis', 2, 'targets', 'R3']: item ids and KPI numbers, not array indexes. */
  path: PathPart[];
  /** undefined when absent on that side (added or removed). */
  before: unknown;
  after: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null;

/** The key an array element is matched by: its id, else its no, else null (matched by position). */
function keyOf(v: unknown): string | number | null {
  if (!isObject(v)) return null;
  if (typeof v.id === 'string') return v.id;
  if (typeof v.no === 'number') return v.no;
  return null;
}

function keyed(list: unknown[]): Map<PathPart, unknown> | null {
  const map = new Map<PathPart, unknown>();
  for (const v of list) {
    const key = keyOf(v);
    if (key === null || map.has(key)) return null; // not keyed, or keys repeat: compare by position
    map.set(key, v);
  }
  return map;
}

/** A year map ({ R5: … }): compared year by year even when one side has none, so each year is one change. */
const isYearMap = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => /^[RH]\d{1,2}$/.test(k));

function diffInto(before: unknown, after: unknown, path: PathPart[], out: Difference[]): void {
  if (absent(before) && absent(after)) return;
  if ((absent(before) && isYearMap(after)) || (absent(after) && isYearMap(before))) {
    diffInto(before ?? {}, after ?? {}, path, out);
    return;
  }
  if (absent(before) || absent(after)) {
    out.push({ path, before: absent(before) ? undefined : before, after: absent(after) ? undefined : after });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const k of keys) diffInto(before[k], after[k], [...path, k], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyed(before);
    const b = keyed(after);
    if (a && b && before.length + after.length > 0) {
      for (const k of new Set([...a.keys(), ...b.keys()])) diffInto(a.get(k), b.get(k), [...path, k], out);
      return;
    }
    if (before.some(isObject) || after.some(isObject)) {
      for (let i = 0; i < Math.max(before.length, after.length); i++) diffInto(before[i], after[i], [...path, i], out);
      return;
    }
  }
  // Leaves, and arrays of plain values (bullets, notes), compared whole.
  if (canonicalJson(before) !== canonicalJson(after)) out.push({ path, before, after });
}

/** The differences from `before` to `after`, in document order. */
export function planDifferences(before: unknown, after: unknown): Difference[] {
  const out: Difference[] = [];
  diffInto(before, after, [], out);
  return out;
}
