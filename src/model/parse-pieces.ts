// The plan's shape, checked piece by piece: the header, each item, and each KPI, reference indicator,
// schedule task and expected effect on its own. Why: zod gathers an array's issues with one spread
// (push(...issues)), which overflows the stack at about 100,000 issues (50,000 broken KPIs); and a broken
// piece must not hide the checks of the others (every problem is listed, no early stop).
import { z } from 'zod';
import { ExpectedEffect, Item, Kpi, Plan, PlanHeader, ReferenceIndicator, ScheduleTask } from './plan';
import type { Item as ItemType, Plan as PlanType, PlanHeader as PlanHeaderType } from './plan';
import { pushIssues, type PathPart, type PlanProblem } from './issues';

export interface PlanPieces {
  /** The whole plan, when every piece parsed. */
  plan?: PlanType;
  /** The header, when it parsed (even if other pieces did not). */
  header?: PlanHeaderType;
  /** Each item that parsed, by index (undefined where it did not). */
  items: (ItemType | undefined)[];
  problems: PlanProblem[];
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parsePiece<S extends z.ZodTypeAny>(
  schema: S,
  data: unknown,
  prefix: readonly PathPart[],
  problems: PlanProblem[],
): z.output<S> | undefined {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  pushIssues(problems, result.error.issues, prefix);
  return undefined;
}

const CHUNK = 500;

/** Elements `from` … of an array, parsed together; issue paths start with the index in the whole array. */
function parseChunk(
  schema: z.ZodTypeAny,
  elements: unknown[],
  from: number,
  prefix: PathPart[],
  problems: PlanProblem[],
): unknown[] | undefined {
  const result = z.array(schema).safeParse(elements, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const [index, ...rest] = issue.path;
    pushIssues(problems, [{ ...issue, path: rest }], [...prefix, (index as number) + from]);
  }
  return undefined;
}

/**
 * Parses `data` with `schema` after taking out the listed array fields, then each element of those on
 * its own; the pieces put back together equal schema.parse(data) (defaults included, key order kept).
 */
function parseSplit<S extends z.ZodTypeAny>(
  schema: S,
  data: unknown,
  arrays: Record<string, z.ZodTypeAny | ((element: unknown, path: PathPart[]) => unknown)>,
  prefix: PathPart[],
  problems: PlanProblem[],
): z.output<S> | undefined {
  if (!isObject(data)) return parsePiece(schema, data, prefix, problems);
  const shell: Obj = { ...data };
  const split = Object.keys(arrays).filter((key) => Array.isArray(data[key]));
  for (const key of split) shell[key] = [];
  const outer = parsePiece(schema, shell, prefix, problems);
  let ok = outer !== undefined;
  const parts: Obj = {};
  for (const key of split) {
    const parse = arrays[key];
    const elements = data[key] as unknown[];
    const out: unknown[] = [];
    if (typeof parse === 'function') {
      elements.forEach((element, i) => out.push(parse(element, [...prefix, key, i])));
      ok &&= out.every((element) => element !== undefined);
    } else {
      // In chunks: one zod error per chunk (each error costs a stack trace), few enough issues per spread.
      for (let at = 0; at < elements.length; at += CHUNK) {
        const chunk = parseChunk(parse, elements.slice(at, at + CHUNK), at, [...prefix, key], problems);
        if (chunk) out.push(...chunk);
        else ok = false;
      }
    }
    parts[key] = out;
  }
  return ok ? ({ ...(outer as Obj), ...parts } as z.output<S>) : undefined;
}

const ITEM_ARRAYS = {
  kpis: Kpi,
  referenceIndicators: ReferenceIndicator,
  schedule: ScheduleTask,
  expectedEffects: ExpectedEffect,
};

/** Parses a plan in pieces; `items[i]` is set for every item that parsed, `plan` only when all did. */
export function parsePlanPieces(data: unknown): PlanPieces {
  const problems: PlanProblem[] = [];
  const items: (ItemType | undefined)[] = [];
  const parseItem = (element: unknown, path: PathPart[]) => {
    const item = parseSplit(Item, element, ITEM_ARRAYS, path, problems);
    items[path[path.length - 1] as number] = item;
    return item;
  };
  const plan = parseSplit(Plan, data, { items: parseItem }, [], problems);
  const header = isObject(data) ? PlanHeader.safeParse(data.plan) : undefined;
  return { plan, header: header?.success ? header.data : undefined, items, problems };
}
