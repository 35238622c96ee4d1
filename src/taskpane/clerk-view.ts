// The pane's clerk mode on the page (issue 11.7): shown when the open workbook carries a round stamp.
// 今年度の入力 lists the cells to fill (each a button selecting its cell), 提出前チェック lists what the
// office would send back, 提出のしかた says how to save and return the file. The office's functions
// (新規作成, 追加 with 年度の追加, 集計) are hidden in this mode: a clerk's workbook is not for rebuilding.
// First bundle: DOM only, types from the engine chunk.
import { isJapanese, t, type TextKey } from './i18n';
import type { ClerkFinding, ClerkRound, TodoCell } from './operations';

/** The tabs of the office's functions, hidden in clerk mode. */
const OFFICE_TABS = ['tab-create', 'tab-add', 'tab-consolidate'];

export type Select = (cell: { sheet: string; address: string }) => void;
/** taskpane.ts's element builder. */
type El = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Partial<Record<string, string>>,
  children?: (Node | string)[],
) => HTMLElementTagNameMap[K];

const $ = (id: string) => document.getElementById(id) as HTMLElement;

/** True when the outline (the hidden metadata) carries a round stamp; the engine checks it when it reads. */
export function hasStamp(outline: unknown): boolean {
  return !!outline && typeof outline === 'object' && (outline as { round?: unknown }).round !== undefined;
}

/** Clerk mode on or off: the clerk section shown, the office's tabs hidden (and out of the tab order). */
export function setClerkMode(on: boolean): void {
  $('clerk').hidden = !on;
  for (const id of OFFICE_TABS) {
    const tab = $(id) as HTMLElement & { disabled?: boolean };
    tab.hidden = on;
    tab.disabled = on;
    if (on) $(id.replace('tab-', 'panel-')).hidden = true;
  }
  // The tab list shows the panel of its active tab: チェック, once the office's tabs are gone.
  const tabs = $('tabs') as HTMLElement & { activeid?: string };
  if (on && OFFICE_TABS.includes(tabs.activeid ?? 'tab-create')) tabs.activeid = 'tab-check';
}

/** 今年度の入力: one button per 実績 cell, filled or not, in the stamp's order. */
export function showTodo(round: ClerkRound, el: El, select: Select): void {
  const filled = round.todo.filter((c) => c.filled).length;
  const { stamp } = round;
  const counts = { department: stamp.recipient.name, year: stamp.year, filled, total: round.todo.length };
  $('clerk-summary').textContent = t('clerkSummary', counts);
  $('clerk-todo').replaceChildren(...round.todo.map((c) => el('li', {}, [todoButton(c, el, select)])));
}

function todoButton(c: TodoCell, el: El, select: Select): HTMLButtonElement {
  const state: TextKey = c.filled ? 'todoFilled' : 'todoBlank';
  const props = { type: 'button', class: 'problem', 'data-kind': state, 'data-address': `${c.sheet}!${c.address}` };
  const button = el('button', props, [
    el('span', { class: 'kind' }, [t(state)]),
    el('span', { class: 'where' }, [t('todoKpi', { no: c.kpiNo, name: c.kpiName, unit: c.unit })]),
    el('span', { class: 'what' }, [t('problemWhere', { sheet: c.sheet, address: c.address })]),
  ]);
  button.addEventListener('click', () => select(c));
  return button;
}

/** 提出前チェック's findings in #results: each with a cell selects it; the workbook-wide one cannot. */
export function showSubmitFindings(findings: ClerkFinding[], el: El, select: Select): string {
  const summary = findings.length ? t('submitFound', { count: findings.length }) : t('submitNone');
  $('results-heading').textContent = summary;
  $('problem-list').replaceChildren(
    ...findings.map((f) => {
      const where = f.sheet ? (f.address ? `${f.sheet}!${f.address}` : f.sheet) : t('wholeWorkbook');
      const props = { type: 'button', class: 'problem', 'data-kind': `clerk-${f.kind}`, 'data-address': where };
      const button = el('button', props, [
        el('span', { class: 'kind' }, [t(`clerk_${f.kind}` as TextKey)]),
        el('span', { class: 'where' }, [where]),
        el('span', {}, [isJapanese() ? f.ja : f.en]),
      ]);
      const { sheet, address } = f;
      if (sheet && address) button.addEventListener('click', () => select({ sheet, address }));
      else button.disabled = true;
      return el('li', {}, [button]);
    }),
  );
  $('results').hidden = findings.length === 0;
  return summary;
}
