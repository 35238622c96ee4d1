// 変更点: what a department changed in its round workbook, against the plan as sent (the register's copy,
// never the returned file's own metadata). Every difference is one change at its place, named in both
// languages. Outside the round year's open inputs a change is an error (a target is changed through a
// 目標変更 request, never by overwriting it); the year's inputs are what the department filled (info); a
// 目標変更 request is a request for the office to approve. Which paths are the year's inputs is the same
// list frozenPart (stamp.ts) leaves open, so "no error" here is "the stamp's fingerprint still holds".
import { formatFiscalYearLabel } from '../model/fiscal-year';
import type { Direction, Plan } from '../model/plan';
import type { Locations } from '../read/plan-reader';
import type { ReadIssue } from '../read/issues';
import type { Finding } from '../audit/types';
import { parseA1 } from '../layout/a1';
import { circled } from '../layout/grid';
import { planDifferences, type PathPart } from './plan-diff';

export type ChangeSeverity = 'error' | 'request' | 'info';

export type ChangeKind =
  | 'target-changed' // 目標 overwritten (loosened or not)
  | 'past-actual-changed' // 実績 of a year before (or after) the round year
  | 'kpi-changed' // a KPI's definition: name, unit, direction, baseline, formula …
  | 'kpi-added'
  | 'kpi-removed'
  | 'item-changed' // header or narrative text, past evaluations, schedule plan …
  | 'item-added'
  | 'item-removed'
  | 'plan-changed' // the plan header, KGIs, goals
  | 'target-change-request' // 目標変更: a new value and its reason, for the office to approve
  | 'filled' // the round year's inputs as the department typed them
  | 'not-carried' // something typed that the reader could not carry (a ReadIssue)
  | 'formula-changed'; // a computed cell typed over or edited (the audit's formula findings)

/** A cell: typed, A1 text only when printed. */
export interface Place {
  sheet: string;
  row: number;
  col: number;
}

export interface Change {
  kind: ChangeKind;
  severity: ChangeSeverity;
  itemId?: string;
  kpiNo?: number;
  year?: string;
  /** The path below the item or KPI, e.g. 'targets.R3', 'name', 'evaluations.R4.factors'. */
  field: string;
  before: unknown;
  after: unknown;
  place?: Place;
  message: { ja: string; en: string };
}

export interface ChangesInput {
  /** The plan as sent (Register entry `sent`). */
  sent: Plan;
  /** The plan read back from the returned workbook. */
  returned: Plan;
  /** Where each KPI-year was read (workbookToPlan's Locations). */
  locations?: Locations;
  /** The round year: its inputs are open. */
  year: string;
  /** What the reader noticed and could not carry (gridsToPlan's issues). */
  readIssues?: ReadIssue[];
}

/** The round year's open inputs, relative to an item: as frozenPart (stamp.ts) leaves them open. */
function isOpenInput(rest: PathPart[], year: string): boolean {
  const [a, , c, d] = rest;
  if (a === 'kpis') return (c === 'actuals' || c === 'quarterlyActuals' || c === 'targetChangeRequests') && d === year;
  if (a === 'referenceIndicators') return c === 'actuals' && d === year;
  if (a === 'evaluations' || a === 'remarks') return rest[1] === year;
  if (a === 'schedule') return (c === 'result' || c === 'resultNotes') && d === year;
  return false;
}

/** The fiscal year a path below an item names (evaluations.R4.factors, schedule.0.plan.R3), if any. */
const yearIn = (rest: PathPart[]) => rest.find((p): p is string => typeof p === 'string' && /^[RH]\d{1,2}$/.test(p));

const shown = (v: unknown): string =>
  v === undefined ? '（なし）' : typeof v === 'string' ? `「${v}」` : JSON.stringify(v);
const shownEn = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

/** A target made easier: lower for a higher-is-better KPI, higher for a lower-is-better one. */
function loosened(direction: Direction | undefined, before: unknown, after: unknown): boolean {
  if (typeof before !== 'number' || typeof after !== 'number') return false;
  return direction === 'higher' ? after < before : direction === 'lower' ? after > before : false;
}

/** One difference below an item: the path after the item id, the values on both sides. */
interface ItemDifference {
  input: ChangesInput;
  itemId: string;
  rest: PathPart[];
  before: unknown;
  after: unknown;
}

function placeOf(d: ItemDifference, kpiNo: number, year: string, role: 'target' | 'actual'): Place | undefined {
  const at = d.input.locations?.[d.itemId]?.[kpiNo]?.[year];
  return at ? { sheet: at.sheet, ...parseA1(at[role]) } : undefined;
}

function kpiChange(d: ItemDifference): Change {
  const { input, itemId, rest, before, after } = d;
  const kpiNo = rest[1] as number;
  const field = rest[2];
  const kpi = input.sent.items.find((i) => i.id === itemId)?.kpis.find((k) => k.no === kpiNo);
  const who = { ja: `実施項目 ${itemId} の指標${circled(kpiNo)}`, en: `item ${itemId} KPI ${kpiNo}` };
  const base = { itemId, kpiNo, before, after, field: rest.slice(2).join('.') };
  const change = (kind: ChangeKind, severity: ChangeSeverity, ja: string, en: string, place?: Place): Change => ({
    ...base,
    ...(y ? { year: y } : {}),
    kind,
    severity,
    ...(place ? { place } : {}),
    message: { ja, en },
  });
  const y = yearIn(rest.slice(3));
  if (rest.length === 2) {
    return before === undefined
      ? change('kpi-added', 'error', `${who.ja}が追加されています`, `${who.en} was added`)
      : change('kpi-removed', 'error', `${who.ja}がありません（削除されたか移動されています）`, `${who.en} is missing (deleted or moved)`);
  }
  const yearJa = y ? `${formatFiscalYearLabel(y)}の` : '';
  const fromTo = { ja: `${shown(before)} から ${shown(after)} に`, en: `from ${shownEn(before)} to ${shownEn(after)}` };
  if (field === 'targetChangeRequests' && y === input.year) {
    const ja = `${who.ja} ${yearJa}目標変更の申請: ${shown(after)}`;
    return change('target-change-request', 'request', ja, `${who.en} ${y}: target change requested: ${shownEn(after)}`);
  }
  if (isOpenInput(rest, input.year)) {
    const ja = `${who.ja} ${yearJa}実績: ${shown(before)} → ${shown(after)}`;
    const en = `${who.en} ${y} actual: ${shownEn(before)} → ${shownEn(after)}`;
    return change('filled', 'info', ja, en, placeOf(d, kpiNo, input.year, 'actual'));
  }
  if (field === 'targets' && y) {
    const easier = loosened(kpi?.direction, before, after);
    const ja = `${who.ja} ${yearJa}目標が ${fromTo.ja}変更されています${easier ? '（緩和）' : ''}。目標の変更は目標変更欄で申請してください`;
    const en =
      `${who.en} ${y} target changed ${fromTo.en}${easier ? ' (loosened)' : ''}; ` +
      'ask for a target change in the 目標変更 field instead';
    return change('target-changed', 'error', ja, en, placeOf(d, kpiNo, y, 'target'));
  }
  if (field === 'actuals' && y) {
    const ja = `${who.ja} ${yearJa}実績が ${fromTo.ja}変更されています（${formatFiscalYearLabel(input.year)}以外の実績は確定済みです）`;
    const en = `${who.en} ${y} actual changed ${fromTo.en} (only ${input.year} is open in this round)`;
    return change('past-actual-changed', 'error', ja, en, placeOf(d, kpiNo, y, 'actual'));
  }
  const ja = `${who.ja}の ${base.field} が ${fromTo.ja}変更されています`;
  return change('kpi-changed', 'error', ja, `${who.en} ${base.field} changed ${fromTo.en}`);
}

function itemChange(d: ItemDifference): Change {
  const { input, itemId, rest, before, after } = d;
  const field = rest.join('.');
  const base = { itemId, field, before, after };
  if (rest.length === 0) {
    const message = before === undefined
      ? { ja: `送付していない実施項目 ${itemId} があります`, en: `item ${itemId} was not sent in this round` }
      : {
          ja: `実施項目 ${itemId} がありません（シートが削除されたか読めません）`,
          en: `item ${itemId} is missing (its sheet was deleted or cannot be read)`,
        };
    return { ...base, kind: before === undefined ? 'item-added' : 'item-removed', severity: 'error', message };
  }
  const values = { ja: `${shown(before)} → ${shown(after)}`, en: `${shownEn(before)} → ${shownEn(after)}` };
  if (isOpenInput(rest, input.year)) {
    const message = { ja: `実施項目 ${itemId} の ${field}: ${values.ja}`, en: `item ${itemId} ${field}: ${values.en}` };
    return { ...base, year: input.year, kind: 'filled', severity: 'info', message };
  }
  const year = yearIn(rest);
  const message = {
    ja: `実施項目 ${itemId} の ${field} が変更されています: ${values.ja}`,
    en: `item ${itemId} ${field} changed: ${values.en}`,
  };
  return { ...base, ...(year ? { year } : {}), kind: 'item-changed', severity: 'error', message };
}

/** Every change from the plan as sent to the plan as returned, then what the reader could not carry. */
export function changesOf(input: ChangesInput): Change[] {
  const changes = planDifferences(input.sent, input.returned).map(({ path, before, after }): Change => {
    const [top, itemId, ...rest] = path;
    if (top === 'items' && typeof itemId === 'string') {
      const d = { input, itemId, rest, before, after };
      return rest[0] === 'kpis' && typeof rest[1] === 'number' ? kpiChange(d) : itemChange(d);
    }
    const field = path.join('.');
    return { kind: 'plan-changed', severity: 'error', field, before, after, message: {
      ja: `計画の ${field} が変更されています: ${shown(before)} → ${shown(after)}`,
      en: `the plan's ${field} changed: ${shownEn(before)} → ${shownEn(after)}`,
    } };
  });
  for (const issue of input.readIssues ?? []) {
    const place = issue.cell ? { sheet: issue.sheet, ...parseA1(issue.cell) } : undefined;
    changes.push({
      kind: 'not-carried',
      severity: issue.severity,
      ...(issue.item ? { itemId: issue.item } : {}),
      ...(issue.kpi ? { kpiNo: issue.kpi } : {}),
      ...(issue.year ? { year: issue.year } : {}),
      field: issue.kind,
      before: undefined,
      after: issue.found,
      ...(place ? { place } : {}),
      message: { ja: issue.ja, en: issue.en },
    });
  }
  return changes;
}

/** The audit's findings on formulas (a rate or count typed over or edited) as changes at their cells. */
export function formulaChanges(findings: readonly Finding[]): Change[] {
  return findings
    .filter((f) => (f.kind === 'formula-overwritten' || f.kind === 'formula-changed') && f.sheet && f.cell)
    .map((f) => ({
      kind: 'formula-changed' as const,
      severity: 'error' as const,
      ...(f.item ? { itemId: f.item } : {}),
      ...(f.kpi ? { kpiNo: f.kpi } : {}),
      ...(f.year ? { year: f.year } : {}),
      field: f.kind,
      before: f.formula ?? f.expected,
      after: f.found,
      place: { sheet: f.sheet!, ...parseA1(f.cell!) },
      message: { ja: f.ja, en: f.en },
    }));
}

/** The counts a 変更点 report leads with. */
export function changeCounts(changes: readonly Change[]): Record<ChangeSeverity, number> {
  const counts = { error: 0, request: 0, info: 0 };
  for (const c of changes) counts[c.severity]++;
  return counts;
}
