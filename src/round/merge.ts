// The plan of record after a round: the office's plan with the round year's inputs taken from the accepted
// returns (collect.ts) — 実績 (yearly and quarterly), reference-indicator 実績, evaluation texts and schedule
// 結果 — and nothing else: whatever a department changed outside the open cells stays as recorded and is
// listed (変更点), never merged. Each actual keeps its source (file, SHA-256, sheet, cell), so a published
// figure can be followed back to the department's file. Pure: the command reads and writes the files.
//
// Who gives which value: a KPI's actual comes from its owner's return when the plan names an owner
// (Kpi.owner) and that department returned the item, else from the item's 取組所属 (the first department
// of leadDept that returned it), else from the first return holding the item. Another return with a
// different value is a conflict: reported, and the record keeps the chosen one. An actual the engine
// cannot evaluate (「1,266件」 in a ％ KPI) is refused at its cell and not taken.
import type { Item, Kpi, Plan, Source } from '../model/plan';
import { evaluateKpiYear } from '../rules/evaluate';
import { canonicalJson } from './stamp';
import { departmentKey, splitDepartments } from './departments';
import type { ReturnedFile } from './returns';
import type { Register } from './register';

export interface MergeInput {
  /** The plan of record before the round (the plan the register was distributed from). */
  record: Plan;
  /** The round's register: its year, and which items were sent (items never sent are left as recorded). */
  register: Pick<Register, 'year' | 'entries'>;
  /** What collect read: only accepted files are merged. */
  returns: readonly ReturnedFile[];
  /** 目標変更 the office approves (hyoka merge --approve ITEM:KPI): the requested target replaces the year's. */
  approve?: readonly { itemId: string; kpiNo: number }[];
}

export interface MergeNote {
  kind:
    | 'refused-value'
    | 'conflict'
    | 'not-returned'
    | 'target-change-request'
    | 'target-change-applied'
    | 'approval-without-request';
  itemId: string;
  kpiNo?: number;
  file?: string;
  sheet?: string;
  cell?: string;
  message: { ja: string; en: string };
}

export interface MergeResult {
  plan: Plan;
  /** KPI actuals taken from the returns. */
  taken: number;
  /** 目標変更 applied (approved and requested). */
  approved: number;
  notes: MergeNote[];
}

type Accepted = ReturnedFile & Required<Pick<ReturnedFile, 'plan' | 'entry' | 'fileHash'>>;

const accepted = (r: ReturnedFile): r is Accepted => r.status === 'accepted' && !!r.plan && !!r.entry && !!r.fileHash;
const fromDept = (r: Accepted, names: string[]) =>
  names.map(departmentKey).includes(departmentKey(r.entry.department.name));

/** The returns holding an item, the one its 取組所属 sent first. */
function holders(item: Item, returns: Accepted[]): Accepted[] {
  const leads = splitDepartments(item.leadDept);
  const holding = returns.filter((r) => r.plan.items.some((i) => i.id === item.id));
  return [...holding.filter((r) => fromDept(r, leads)), ...holding.filter((r) => !fromDept(r, leads))];
}

const returnedItem = (r: Accepted, id: string) => r.plan.items.find((i) => i.id === id)!;

function sourceOf(r: Accepted, itemId: string, kpiNo: number, year: string): Source | undefined {
  const at = r.locations?.[itemId]?.[kpiNo]?.[year];
  if (!at) return undefined;
  return {
    file: r.file,
    sha256: r.fileHash,
    sheet: at.sheet,
    cell: at.actual,
    department: r.entry.department.name,
    ...(r.stamp ? { roundId: r.stamp.roundId } : {}),
    ...(r.savedAt ? { savedAt: r.savedAt } : {}),
  };
}

interface MergeContext {
  plan: Plan;
  year: string;
  notes: MergeNote[];
  approved: Set<string>;
}

/**
 * A 目標変更 request of the year is kept in the record and listed; approved, it becomes the year's target
 * with a revision (before, after, the reason) — the only way a target changes in a round.
 */
function mergeRequest(ctx: MergeContext, item: Item, kpi: Kpi, from: { r: Accepted; kpi?: Kpi }[]): boolean {
  const found = from.find((v) => v.kpi?.targetChangeRequests?.[ctx.year]);
  const key = `${item.id}:${kpi.no}`;
  if (!found) {
    if (!ctx.approved.has(key)) return false;
    ctx.notes.push({ kind: 'approval-without-request', itemId: item.id, kpiNo: kpi.no, message: {
      ja: `${key} の目標変更を承認しましたが、返送に申請がありません（目標は変えていません）`,
      en: `${key} was approved, but no return asks for a target change (the target is unchanged)`,
    } });
    return false;
  }
  const request = found.kpi!.targetChangeRequests![ctx.year];
  kpi.targetChangeRequests = { ...kpi.targetChangeRequests, [ctx.year]: request };
  const approve = ctx.approved.has(key) && request.value !== undefined;
  if (approve) {
    const before = kpi.targets[ctx.year];
    const note = request.reason ? { note: request.reason } : {};
    const revision = { year: ctx.year, before: before ?? '', after: request.value!, ...note };
    kpi.revisions = [...(kpi.revisions ?? []), revision];
    kpi.targets[ctx.year] = request.value!;
  }
  const value = JSON.stringify(request.value);
  const asked = { ja: `${value}（${request.reason ?? '理由なし'}）`, en: `${value} (${request.reason ?? 'no reason'})` };
  const message = approve
    ? { ja: `目標変更を反映しました: ${asked.ja}`, en: `target change applied: ${asked.en}` }
    : {
        ja: `目標変更の申請（未承認、--approve ${key} で反映）: ${asked.ja}`,
        en: `target change requested (not approved; --approve ${key} applies it): ${asked.en}`,
      };
  const kind = approve ? 'target-change-applied' : 'target-change-request';
  ctx.notes.push({ kind, itemId: item.id, kpiNo: kpi.no, file: found.r.file, message });
  return approve;
}

/** One KPI of the year: its 目標変更 request, then its actual; says whether each was taken. */
function mergeKpi(ctx: MergeContext, item: Item, kpi: Kpi, from: Accepted[]): { taken: boolean; approved: boolean } {
  const owner = kpi.owner ? from.filter((r) => fromDept(r, [kpi.owner!])) : [];
  const ordered = [...owner, ...from.filter((r) => !owner.includes(r))];
  const values = ordered.map((r) => ({ r, kpi: returnedItem(r, item.id).kpis.find((k) => k.no === kpi.no) }));
  const approved = mergeRequest(ctx, item, kpi, values);
  return { taken: mergeActual(ctx, item, kpi, values), approved };
}

/** Takes the KPI's round-year actual from its owner's (else lead's) return; says whether one was taken. */
function mergeActual(ctx: MergeContext, item: Item, kpi: Kpi, values: { r: Accepted; kpi?: Kpi }[]): boolean {
  const { year, notes } = ctx;
  // The year's inputs of a KPI: its 実績 and, on the DX sheet, its quarterly 実績 (the yearly one follows).
  const inputsOf = (k?: Kpi) => canonicalJson({ actual: k?.actuals[year], quarters: k?.quarterlyActuals?.[year] });
  const filled = (k?: Kpi) => k?.actuals[year] !== undefined || !!k?.quarterlyActuals?.[year];
  const chosen = values.find((v) => filled(v.kpi));
  if (!chosen?.kpi) return false;
  const value = chosen.kpi.actuals[year];
  const at = sourceOf(chosen.r, item.id, kpi.no, year);
  const cell = at ? { sheet: at.sheet, cell: at.cell } : {};
  const place = { itemId: item.id, kpiNo: kpi.no, file: chosen.r.file, ...cell };
  const checked = evaluateKpiYear({ ...kpi, actuals: { ...kpi.actuals, [year]: value ?? null } }, year, ctx.plan.plan);
  if (value !== undefined && checked.status === 'invalid') {
    const why = checked.problems?.[0] ?? { ja: '評価できない値です', en: 'a value the engine cannot evaluate' };
    notes.push({ kind: 'refused-value', ...place, message: {
      ja: `実績を取り込みません（記録は変えていません）: ${why.ja}`,
      en: `actual not taken (the record is unchanged): ${why.en}`,
    } });
    return false;
  }
  for (const other of values) {
    if (other === chosen || !filled(other.kpi) || inputsOf(other.kpi) === inputsOf(chosen.kpi)) continue;
    notes.push({ kind: 'conflict', ...place, message: {
      ja: `${other.r.file} の実績 ${inputsOf(other.kpi)} は採用した ${inputsOf(chosen.kpi)}（${chosen.r.file}）と異なります`,
      en: `${other.r.file} has ${inputsOf(other.kpi)}, not the ${inputsOf(chosen.kpi)} taken from ${chosen.r.file}`,
    } });
  }
  if (value !== undefined) kpi.actuals[year] = value;
  const quarters = chosen.kpi.quarterlyActuals?.[year];
  if (quarters) kpi.quarterlyActuals = { ...kpi.quarterlyActuals, [year]: quarters };
  if (at) kpi.sources = { ...kpi.sources, [year]: at };
  return true;
}

/** The item's texts and schedule results of the year, from the first holder (its 取組所属). */
function mergeTexts(item: Item, from: Accepted, year: string): void {
  const back = returnedItem(from, item.id);
  if (back.evaluations[year]) item.evaluations[year] = back.evaluations[year];
  if (back.remarks?.[year]) item.remarks = { ...item.remarks, [year]: back.remarks[year] };
  item.referenceIndicators.forEach((ref, i) => {
    const v = back.referenceIndicators[i]?.actuals[year];
    if (v !== undefined && back.referenceIndicators[i].name === ref.name) ref.actuals[year] = v;
  });
  item.schedule.forEach((task, i) => {
    const t = back.schedule[i];
    if (!t || t.task !== task.task) return;
    if (t.result[year]) task.result[year] = t.result[year];
    if (t.resultNotes?.[year]) task.resultNotes = { ...task.resultNotes, [year]: t.resultNotes[year] };
  });
}

export function mergeRound(input: MergeInput): MergeResult {
  const plan = structuredClone(input.record);
  const returns = input.returns.filter(accepted);
  const notes: MergeNote[] = [];
  const year = input.register.year;
  const sent = new Set(input.register.entries.flatMap((e) => e.items.map((i) => i.id)));
  const approvals = new Set((input.approve ?? []).map((a) => `${a.itemId}:${a.kpiNo}`));
  const ctx: MergeContext = { plan, year, notes, approved: approvals };
  let taken = 0;
  let approved = 0;
  for (const item of plan.items) {
    if (!sent.has(item.id)) continue;
    const from = holders(item, returns);
    if (!from.length) {
      notes.push({ kind: 'not-returned', itemId: item.id, message: {
        ja: `実施項目 ${item.id} はどの返送ファイルにもありません（記録のまま）`,
        en: `item ${item.id} is in no returned file (kept as recorded)`,
      } });
      continue;
    }
    for (const kpi of item.kpis) {
      const merged = mergeKpi(ctx, item, kpi, from);
      taken += merged.taken ? 1 : 0;
      approved += merged.approved ? 1 : 0;
    }
    mergeTexts(item, from[0], year);
  }
  return { plan, taken, approved, notes };
}
