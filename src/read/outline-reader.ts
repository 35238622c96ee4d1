// Reads the outline's 目標・方針 sheet (layout/outline-sheet.ts) back into plan.goals, by its labels:
// every goal (Ⅰ…) with its 区分, ねらい, 新規・強化のポイント and 取組例, every 方針 with its 区分 — and every
// 実施項目 a reform office wrote into an empty row becomes a new item of that 目標 and 方針 (rows of items
// that already exist carry a hidden marker and are left to the item's own sheet). An outline plan's item
// sheets are Gunma evaluation sheets, read by the Gunma reader.
import type { Goal, Item, Plan } from '../model/plan';
import { OUTLINE_COLUMNS, OUTLINE_ITEM_MARKER, OUTLINE_LABELS, OUTLINE_MARKER, OUTLINE_SHEET, TAGS, parsePolicyLabel, unromanGoal, type OutlineColumn } from '../layout/outline-sheet';
import { address, findCell, rawText, rowTexts, text, type Grid } from './grid';
import { readItemSheet, registerItemSheetReader, WorkbookReadError } from './plan-reader';

type Tag = (typeof TAGS)[number];

/** The 目標・方針 sheet of a workbook, found by its hidden marker (or its name), or null. */
export function findOutlineSheet(grids: Grid[]): Grid | null {
  return grids.find((g) => rowTexts(g, 1).some(([, t]) => t === OUTLINE_MARKER)) ?? grids.find((g) => g.name === OUTLINE_SHEET) ?? null;
}

/** The plan with the goals, 方針 and new 実施項目 the 目標・方針 sheet holds; unchanged when there is no such sheet. */
export function readOutlineSheet(plan: Plan, grids: Grid[], file: string): Plan {
  const ws = findOutlineSheet(grids);
  if (!ws) return plan;
  const fail = (ja: string, en: string, row: number, col: number) => new WorkbookReadError(file, ws.name, address(row, col), ja, en);
  const header = findCell(ws, (t) => t === OUTLINE_LABELS.policyName);
  if (!header) throw new WorkbookReadError(file, ws.name, null, `見出し「${OUTLINE_LABELS.policyName}」が見つかりません`, `the ${OUTLINE_LABELS.policyName} header is missing`);
  const labels = rowTexts(ws, header.row);
  const col = {} as Record<OutlineColumn, number>;
  for (const [key] of OUTLINE_COLUMNS) {
    const found = labels.find(([, t]) => t === OUTLINE_LABELS[key]);
    if (!found) throw fail(`見出し「${OUTLINE_LABELS[key]}」が見つかりません`, `the ${OUTLINE_LABELS[key]} header is missing`, header.row, header.col);
    col[key] = found[0];
  }
  const tagAt = (row: number, c: number): Tag | undefined => {
    const t = text(ws, row, c);
    if (t === '') return undefined;
    if (!(TAGS as readonly string[]).includes(t)) throw fail(`区分「${t}」は 新規・強化・見直し のいずれかです`, `the tag "${t}" must be 新規, 強化 or 見直し`, row, c);
    return t as Tag;
  };
  const optional = (row: number, c: number): string | undefined => rawText(ws, row, c) || undefined;

  const metaGoals = new Map((plan.goals ?? []).map((g) => [g.no, g]));
  const goals: Goal[] = [];
  const written: { goal: Goal; policy: Goal['policies'][number]; no: number | null; title: string; leadDept: string; row: number }[] = [];
  let goal: Goal | null = null;
  let policy: Goal['policies'][number] | null = null;
  for (let r = header.row + 1; r <= ws.rowCount; r++) {
    const goalNo = unromanGoal(text(ws, r, col.goalNo));
    if (goalNo !== null) {
      const name = rawText(ws, r, col.goalName);
      if (!name.trim()) throw fail(`目標${text(ws, r, col.goalNo)}の名前が空です`, `goal ${goalNo} has no name`, r, col.goalName);
      const before = metaGoals.get(goalNo);
      goal = { ...before, no: goalNo, name, policies: [] };
      for (const [field, c] of [['summary', col.summary], ['points', col.points], ['examples', col.examples]] as const) {
        const v = optional(r, c);
        if (v !== undefined) goal[field] = v;
        else if (before?.[field] === '') goal[field] = '';
        else delete goal[field];
      }
      const tag = tagAt(r, col.goalTag);
      if (tag) goal.tag = tag;
      else delete goal.tag;
      goals.push(goal);
      policy = null;
    }
    const policyNo = parsePolicyLabel(text(ws, r, col.policyNo));
    if (policyNo !== null && goal) {
      const name = rawText(ws, r, col.policyName);
      if (!name.trim()) throw fail(`方針${policyNo}の名前が空です`, `方針 ${policyNo} has no name`, r, col.policyName);
      const tag = tagAt(r, col.policyTag);
      policy = { no: policyNo, name, ...(tag ? { tag } : {}) };
      goal.policies.push(policy);
    }
    const title = rawText(ws, r, col.itemTitle);
    const existing = rowTexts(ws, r).some(([, t]) => t.startsWith(OUTLINE_ITEM_MARKER));
    if (existing || !title.trim()) continue;
    if (!goal || !policy) throw fail('方針のない行に実施項目があります', 'a 実施項目 is written on a row that belongs to no 方針', r, col.itemTitle);
    const typedNo = ws.value(r, col.itemNo);
    written.push({ goal, policy, no: typeof typedNo === 'number' && Number.isInteger(typedNo) && typedNo >= 1 ? typedNo : null, title, leadDept: rawText(ws, r, col.leadDept), row: r });
  }

  // New items: ids 「目標-方針-n」 not used yet, numbers as typed or after the highest in use.
  const ids = new Set(plan.items.map((it) => it.id));
  let nextNo = Math.max(0, ...plan.items.map((it) => it.no), ...written.map((w) => w.no ?? 0)) + 1;
  const added: Item[] = written.map((w) => {
    let k = 1;
    while (ids.has(`${w.goal.no}-${w.policy.no}-${k}`)) k++;
    const id = `${w.goal.no}-${w.policy.no}-${k}`;
    ids.add(id);
    return {
      id,
      goal: { no: w.goal.no, name: w.goal.name },
      reform: { no: w.policy.no, name: w.policy.name },
      no: w.no ?? nextNo++,
      title: w.title,
      leadDept: w.leadDept,
      relatedDepts: '',
      dataUtilization: false,
      situation: '',
      problems: '',
      reformContent: '',
      kpis: [],
      referenceIndicators: [],
      schedule: [],
      evaluations: {},
    };
  });
  return { ...plan, goals, items: [...plan.items, ...added] };
}

// An outline plan's items are written on Gunma evaluation sheets.
registerItemSheetReader('outline', readItemSheet);
