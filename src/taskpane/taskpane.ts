/// <reference types="office-js" />
// The task pane: tabs for 新規作成, 追加 (KPI, fiscal year), チェック (and 監査), 集計 and 一覧・書き出し.
// This first bundle holds only the page (Fluent web components, the i18n table, the DOM code); what the
// buttons do lives in ./operations, a lazily loaded chunk with the model, rules, layout, reader and
// audit; the sample plan is a chunk of its own, and so is 集計's file parsing (exceljs), loaded only
// when workbooks have been picked. Every operation runs in Excel.run with the request context passed
// down.
//
// Accessibility: native headings, labels on every field (the Fluent inputs label themselves from
// their content), tabs with arrow-key navigation (fluent-tablist), a polite live region for progress
// and results, role="alert" for errors, aria-busy on the page while an operation runs, and problems
// as buttons (Enter/Space selects the cell).
import { registerFluent } from './fluent';
import { plainMessage } from './errors';
import { findingKind, isJapanese, pathInWords, setLanguage, t, TEXT, type TextKey } from './i18n';
import type { CheckProblem, Finding, ItemForm, KpiForm, ParsedFiles, PlanForm } from './operations';
import type { PlanMetadata } from '../layout/workbook';
import { inputProblemText } from '../consolidate/types';
import { hasStamp, setClerkMode, showSubmitFindings, showTodo, type Select } from './clerk-view';

type Engine = typeof import('./operations');
let enginePromise: Promise<Engine> | null = null;
/** The operations chunk, loaded on first use (and warmed up once the pane is ready). */
function engine(): Promise<Engine> {
  return (enginePromise ??= import(/* webpackChunkName: "engine" */ './operations'));
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

type InputEl = HTMLElement & { value: string; disabled?: boolean };
type Progress = (p: { done: number; total: number }) => void;

let ready = false;
let busy = false;
let outline: PlanMetadata | null = null;

// ---------------------------------------------------------------------------------------------------
// Language

/** Sets every data-i18n text (and data-i18n-aria-label) from the table. */
function applyTexts(root: ParentNode = document): void {
  document.documentElement.lang = isJapanese() ? 'ja' : 'en';
  root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    const key = el.dataset.i18n as TextKey;
    if (key in TEXT) el.textContent = t(key);
  });
  root.querySelectorAll<HTMLElement>('[data-i18n-aria-label]').forEach((el) => {
    const key = el.dataset.i18nAriaLabel as TextKey;
    if (key in TEXT) el.setAttribute('aria-label', t(key));
  });
}

// ---------------------------------------------------------------------------------------------------
// Status, progress, messages

function setStatus(text: string): void {
  $('status').textContent = text;
}

function setProgress(p: { done: number; total: number } | null): void {
  const bar = $('progress');
  if (p === null || p.total === 0) bar.removeAttribute('value');
  else bar.setAttribute('value', String(Math.round((p.done / p.total) * 100)));
}

function clearMessages(): void {
  $('messages').replaceChildren();
  $('results').hidden = true;
  $('problem-list').replaceChildren();
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A Fluent message bar in #messages: errors as alerts, the rest polite. */
function message(intent: 'error' | 'warning' | 'success' | 'info', text: string, list?: (Node | string)[][]): HTMLElement {
  const body = el('div', {}, [text]);
  if (list?.length) body.append(el('ul', {}, list.map((children) => el('li', {}, children))));
  const bar = document.createElement('fluent-message-bar');
  bar.setAttribute('intent', intent);
  bar.setAttribute('layout', 'multiline');
  bar.setAttribute('role', intent === 'error' ? 'alert' : 'status');
  bar.append(body);
  $('messages').append(bar);
  return bar;
}

function problemLines(problems: { path: string; ja: string; en: string }[]): (Node | string)[][] {
  return problems.map((p) => [el('code', {}, [p.path]), ` ${pathInWords(p.path)}: ${isJapanese() ? p.ja : p.en}`]);
}

function showError(e: unknown): void {
  const err = e as { name?: string; problems?: { path: string; ja: string; en: string }[]; names?: string[] };
  setStatus('');
  if (err?.name === 'SheetExistsError' && err.names) {
    message('error', t('sheetExists', { names: err.names.join(isJapanese() ? '、' : ', ') }));
  } else if (Array.isArray(err?.problems)) {
    message('error', t('formProblems', { count: err.problems.length }), problemLines(err.problems));
  } else {
    message('error', t('failed', { message: plainMessage(e, isJapanese()) }));
  }
}

// ---------------------------------------------------------------------------------------------------
// Long operations: one at a time, the page busy, buttons disabled, progress shown

function setBusy(on: boolean): void {
  busy = on;
  $('app').setAttribute('aria-busy', String(on));
  $('activity').hidden = !on;
  document.querySelectorAll<HTMLElement & { disabled: boolean }>('[data-action]').forEach((b) => (b.disabled = on || !ready));
  if (on) setProgress(null);
}

async function operation(startKey: TextKey, body: (progress: Progress) => Promise<void>): Promise<void> {
  if (busy) {
    setStatus(t('busy'));
    return;
  }
  setBusy(true);
  clearMessages();
  setStatus(t(startKey));
  const progress: Progress = (p) => {
    setProgress(p);
    setStatus(t('writing', p));
  };
  try {
    await body(progress);
  } catch (e) {
    showError(e);
  } finally {
    setBusy(false);
  }
}

function run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(fn);
}

// ---------------------------------------------------------------------------------------------------
// The plan in the workbook (from the hidden metadata: one sync)

async function refreshOutline(): Promise<void> {
  try {
    const ops = await engine();
    outline = await run((context) => ops.readPlanOutline(context));
  } catch {
    outline = null;
  }
  const summary = $('plan-summary');
  if (outline) {
    const years = outline.plan.years;
    summary.textContent = t('planSummary', { title: outline.plan.title, items: outline.items.length, first: years[0], last: years[years.length - 1] });
  } else summary.textContent = t('planNone');
  $('plan-fields').hidden = outline !== null;
  renderItemTargets();
  renderAddKpiFields();
  const year = $<InputEl>('year-to-add');
  if (outline && !year.value) year.value = (await engine()).nextYearOf(outline.plan.years);
  await refreshClerk();
}

// ---------------------------------------------------------------------------------------------------
// 担当者モード: a round workbook (clerk-view.ts)

const selectCell: Select = (cell) => void select(cell);

async function refreshClerk(): Promise<void> {
  setClerkMode(hasStamp(outline));
  if (!hasStamp(outline)) return;
  try {
    const ops = await engine();
    const round = await run((context) => ops.readClerkRound(context));
    if (round) showTodo(round, el, selectCell);
  } catch (e) {
    showError(e);
  }
}

async function submitCheck(): Promise<void> {
  await operation('reading', async () => {
    const ops = await engine();
    const round = await run((context) => ops.readClerkRound(context));
    if (!round) return setClerkMode(false);
    showTodo(round, el, selectCell);
    const summary = showSubmitFindings(round.findings, el, selectCell);
    setStatus(summary);
    if (!round.findings.length) message('success', summary);
  });
}

// ---------------------------------------------------------------------------------------------------
// KPI fields (the blank-sheet form and the 追加 form)

let fieldCounter = 0;

function textInput(labelKey: TextKey | string, opts: { value?: string; required?: boolean; narrow?: boolean; type?: string; year?: string; name?: string } = {}): InputEl {
  const input = document.createElement('fluent-text-input') as InputEl;
  input.id = `f${++fieldCounter}`;
  input.textContent = labelKey in TEXT ? t(labelKey as TextKey) : labelKey;
  if (opts.value) input.setAttribute('value', opts.value);
  if (opts.required) input.setAttribute('required', '');
  if (opts.narrow) input.classList.add('narrow');
  if (opts.type) input.setAttribute('type', opts.type);
  if (opts.year) input.dataset.year = opts.year;
  if (opts.name) input.dataset.name = opts.name;
  return input;
}

function directionSelect(): HTMLLabelElement {
  const select = el('select', { 'data-name': 'direction' }, [
    el('option', { value: 'higher' }, [t('higher')]),
    el('option', { value: 'lower' }, [t('lower')]),
    el('option', { value: 'qualitative' }, [t('qualitative')]),
  ]);
  return el('label', { class: 'native' }, [t('kpiDirection'), select]);
}

function kpiFieldset(legend: string, years: string[], removable: boolean): HTMLFieldSetElement {
  const fs = el('fieldset', { class: 'kpi' }, [el('legend', {}, [legend])]);
  fs.append(
    textInput('kpiName', { required: true, name: 'name' }),
    el('div', { class: 'row' }, [textInput('kpiUnit', { name: 'unit' }), directionSelect()]),
    el('div', { class: 'row' }, [textInput('kpiBaseline', { name: 'baseline' }), textInput('kpiKgi', { type: 'number', name: 'kgi' })]),
  );
  const targets = el('fieldset', { class: 'targets-set' }, [el('legend', {}, [t('targetsLegend')])]);
  const grid = el('div', { class: 'targets' });
  for (const y of years) {
    const input = textInput(y, { year: y });
    input.setAttribute('aria-label', t('targetFor', { year: y }));
    grid.append(input);
  }
  targets.append(grid);
  targets.hidden = years.length === 0;
  fs.append(targets);
  if (removable) {
    const remove = document.createElement('fluent-button');
    remove.setAttribute('appearance', 'subtle');
    remove.textContent = t('removeKpiRow');
    remove.addEventListener('click', () => {
      fs.remove();
      renumberItemKpis();
    });
    fs.append(remove);
  }
  return fs;
}

function readKpi(fs: HTMLElement): KpiForm {
  const field = (name: string) => (fs.querySelector<InputEl>(`[data-name="${name}"]`)?.value ?? '').trim();
  const targets: Record<string, string> = {};
  fs.querySelectorAll<InputEl>('[data-year]').forEach((i) => (targets[i.dataset.year!] = i.value ?? ''));
  const kgi = field('kgi');
  return {
    name: field('name'),
    unit: field('unit'),
    direction: (fs.querySelector<HTMLSelectElement>('select[data-name="direction"]')?.value ?? 'higher') as KpiForm['direction'],
    kgi: kgi ? Number(kgi) : null,
    baseline: field('baseline'),
    targets,
  };
}

/** Required fields left empty: their labels, the first one focused, each marked aria-invalid. */
function missingRequired(form: HTMLElement): string[] {
  const missing: string[] = [];
  form.querySelectorAll<InputEl>('fluent-text-input[required]').forEach((i) => {
    if ((i.closest('[hidden]') as HTMLElement | null) !== null) return;
    const empty = !(i.value ?? '').trim();
    i.setAttribute('aria-invalid', String(empty));
    if (empty) missing.push(i.textContent ?? '');
  });
  if (missing.length) form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  return missing;
}

function requireFilled(form: HTMLElement): boolean {
  const missing = missingRequired(form);
  if (!missing.length) return true;
  clearMessages();
  message('error', t('formProblems', { count: missing.length }), missing.map((field) => [t('required', { field })]));
  return false;
}

/** Years of the blank-sheet form: the workbook's plan, or the plan fields. */
function itemFormYears(): string[] {
  if (outline) return outline.plan.years;
  const first = /^R(\d+)$/i.exec($<InputEl>('first-year').value?.trim() ?? '');
  const last = /^R(\d+)$/i.exec($<InputEl>('last-year').value?.trim() ?? '');
  if (!first || !last) return [];
  const years: string[] = [];
  for (let n = Number(first[1]); n <= Number(last[1]) && years.length < 12; n++) years.push(`R${n}`);
  return years;
}

/** Keeps what was typed per year when the years change. */
function rebuildTargets(fs: HTMLElement, years: string[]): void {
  const kept: Record<string, string> = {};
  fs.querySelectorAll<InputEl>('[data-year]').forEach((i) => (kept[i.dataset.year!] = i.value ?? ''));
  const grid = fs.querySelector('.targets')!;
  grid.replaceChildren(
    ...years.map((y) => {
      const input = textInput(y, { year: y, value: kept[y] });
      input.setAttribute('aria-label', t('targetFor', { year: y }));
      return input;
    }),
  );
  (fs.querySelector('.targets-set') as HTMLElement).hidden = years.length === 0;
}

function renderItemTargets(): void {
  const years = itemFormYears();
  const box = $('item-kpis');
  if (!box.children.length) box.append(kpiFieldset(t('kpiLegend', { no: 1 }), years, false));
  box.querySelectorAll<HTMLElement>('fieldset.kpi').forEach((fs) => rebuildTargets(fs, years));
}

function renumberItemKpis(): void {
  $('item-kpis')
    .querySelectorAll('fieldset.kpi > legend')
    .forEach((legend, i) => (legend.textContent = t('kpiLegend', { no: i + 1 })));
}

function renderAddKpiFields(): void {
  const box = $('add-kpi-fields');
  const years = outline?.plan.years ?? [];
  if (!box.children.length) box.append(kpiFieldset(t('kpiLegend', { no: '' }).trim(), years, false));
  box.querySelectorAll<HTMLElement>('fieldset.kpi').forEach((fs) => rebuildTargets(fs, years));
  const legend = box.querySelector('legend');
  if (legend) legend.textContent = t('newKpi');
}

// ---------------------------------------------------------------------------------------------------
// The actions

async function createSample(): Promise<void> {
  await operation('loadingEngine', async (progress) => {
    const ops = await engine();
    const plan = await ops.loadSamplePlan();
    const replace = ($('replace') as HTMLElement & { checked: boolean }).checked;
    const r = await run((context) => ops.createWorkbook(context, plan, { replace, onProgress: progress }));
    await refreshOutline();
    setStatus(t('created', { sheets: r.sheets.length, syncs: r.syncs }));
  });
}

async function createFromFile(file: File): Promise<void> {
  await operation('loadingEngine', async (progress) => {
    const ops = await engine();
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      throw new ops.PaneError(`${TEXT.fileRead[0]}: ${plainMessage(e, true)}`, `${TEXT.fileRead[1]}: ${plainMessage(e, false)}`);
    }
    const parsed = ops.parsePlanText(text);
    if (!parsed.ok) {
      setStatus('');
      message('error', `${file.name}: ${t('planProblems', { count: parsed.problems.length })}`, problemLines(parsed.problems));
      return;
    }
    const replace = ($('replace') as HTMLElement & { checked: boolean }).checked;
    const r = await run((context) => ops.createWorkbook(context, parsed.plan, { replace, onProgress: progress }));
    await refreshOutline();
    setStatus(t('created', { sheets: r.sheets.length, syncs: r.syncs }));
  });
}

function itemFormValue(): ItemForm {
  const v = (id: string) => ($<InputEl>(id).value ?? '').trim();
  return {
    goal: { no: Number(v('goal-no')) || 1, name: v('goal-name') },
    reform: { no: Number(v('reform-no')) || 1, name: v('reform-name') },
    title: v('item-title'),
    leadDept: v('lead-dept'),
    kpis: Array.from($("item-kpis").querySelectorAll<HTMLElement>("fieldset.kpi")).map(readKpi).filter((k) => k.name),
  };
}

function planFormValue(): PlanForm {
  const v = (id: string) => ($<InputEl>(id).value ?? '').trim();
  return { title: v('plan-title'), baseYear: v('base-year'), firstYear: v('first-year'), lastYear: v('last-year') };
}

async function createItem(): Promise<void> {
  if (!requireFilled($('item-form'))) return;
  await operation('reading', async (progress) => {
    const ops = await engine();
    const form = itemFormValue();
    const r = await run((context) => ops.createItem(context, form, planFormValue(), progress));
    await refreshOutline();
    setStatus(t('itemCreated', { title: r.item.title, syncs: r.syncs }));
  });
}

async function addKpi(): Promise<void> {
  if (!requireFilled($('kpi-form'))) return;
  await operation('reading', async (progress) => {
    const ops = await engine();
    const form = readKpi($('add-kpi-fields').querySelector('fieldset.kpi')!);
    const r = await run((context) => ops.addKpiToSheet(context, form, undefined, progress));
    await refreshOutline();
    setStatus(t('kpiAdded', { sheet: r.sheet, no: r.kpi.no, name: r.kpi.name, syncs: r.syncs }));
  });
}

async function addYear(): Promise<void> {
  await operation('reading', async (progress) => {
    const ops = await engine();
    const year = $<InputEl>('year-to-add').value ?? '';
    const r = await run((context) => ops.addYearToPlan(context, year, progress));
    $<InputEl>('year-to-add').value = '';
    await refreshOutline();
    setStatus(t('yearAdded', { year: r.year, sheets: r.sheets.length, syncs: r.syncs }));
  });
}

async function check(scope: 'active' | 'all'): Promise<void> {
  await operation('reading', async () => {
    const ops = await engine();
    const r = await run((context) => ops.checkWorkbook(context, scope));
    showProblems(r.problems, r.sheets.length);
  });
}

function showProblems(problems: CheckProblem[], sheets: number): void {
  const summary = problems.length ? t('checkFound', { count: problems.length, sheets }) : t('checkNone', { sheets });
  setStatus(summary);
  if (!problems.length) {
    message('success', summary);
    return;
  }
  $('results-heading').textContent = summary;
  const list = $('problem-list');
  list.replaceChildren(
    ...problems.map((p) => {
      const button = el('button', { type: 'button', class: 'problem', 'data-kind': p.kind, 'data-address': `${p.sheet}!${p.address}` }, [
        el('span', { class: 'kind' }, [t(`kind_${p.kind}` as TextKey)]),
        el('span', { class: 'where' }, [t('problemWhere', { sheet: p.sheet, address: p.address })]),
        el('span', {}, [isJapanese() ? p.ja : p.en]),
        el('span', { class: 'what' }, [p.kpi ? t('problemKpi', { no: p.kpi.no, name: p.kpi.name, year: p.year ?? '' }) : p.year ? t('problemYear', { year: p.year }) : '']),
      ]);
      button.addEventListener('click', () => void select(p));
      return el('li', {}, [button]);
    }),
  );
  $('results').hidden = false;
}

async function select(p: Pick<CheckProblem, 'sheet' | 'address'>): Promise<void> {
  if (busy) return;
  try {
    const ops = await engine();
    await run((context) => ops.selectProblem(context, p));
    setStatus(t('selected', { sheet: p.sheet, address: p.address }));
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------------------------------------------
// 監査

async function audit(): Promise<void> {
  await operation('reading', async () => {
    const ops = await engine();
    const r = await run((context) => ops.auditOpenWorkbook(context));
    if (r.audit.status === 'unreadable') {
      const why = r.audit.problems[0];
      setStatus('');
      message('error', t('auditUnreadable', { message: why ? (isJapanese() ? why.ja : why.en) : '' }));
      return;
    }
    showFindings(r.findings, r.sheets, r.kpiYears);
  });
}

/** A cell's value in a finding: text quoted, blank said, numbers as they are. */
function shownValue(v: Finding['found']): string {
  if (v === null || v === '') return t('blank');
  if (typeof v === 'string') return isJapanese() ? `「${v}」` : `"${v}"`;
  return String(v);
}

function showFindings(findings: Finding[], sheets: number, kpiYears: number): void {
  const summary = findings.length ? t('auditFound', { count: findings.length, sheets, kpiYears }) : t('auditNone', { sheets, kpiYears });
  setStatus(summary);
  if (!findings.length) {
    message('success', summary);
    return;
  }
  $('results-heading').textContent = summary;
  $('problem-list').replaceChildren(
    ...findings.map((f) => {
      const where = f.sheet && f.cell ? `${f.sheet}!${f.cell}` : (f.sheet ?? '');
      // A typed-over formula: what the cell should show, what was typed, and the formula it should hold.
      const formula = f.kind === 'formula-overwritten' && f.formula ? t('findingFormula', { formula: f.formula }) : '';
      const button = el('button', { type: 'button', class: 'problem', 'data-kind': f.kind, 'data-address': where }, [
        el('span', { class: 'kind' }, [findingKind(f.kind)]),
        el('span', { class: 'where' }, [where]),
        el('span', {}, [isJapanese() ? f.ja : f.en]),
        ...(f.expected === null && f.found === null ? [] : [el('span', { class: 'values' }, [t('findingValues', { expected: shownValue(f.expected), found: shownValue(f.found) })])]),
        ...(formula ? [el('span', { class: 'what' }, [formula])] : []),
      ]);
      if (f.sheet && f.cell) button.addEventListener('click', () => void selectFinding(f));
      else button.disabled = true;
      return el('li', {}, [button]);
    }),
  );
  $('results').hidden = false;
}

async function selectFinding(f: Finding): Promise<void> {
  if (busy) return;
  try {
    const ops = await engine();
    await run((context) => ops.selectFinding(context, f));
    setStatus(t('selected', { sheet: f.sheet ?? '', address: f.cell ?? '' }));
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------------------------------------------
// 集計

async function consolidateFiles(files: File[]): Promise<void> {
  await operation('loadingReader', async (progress) => {
    const ops = await engine();
    const parsed = await ops.parseDepartmentFiles(files, (done, total, file) => {
      setProgress({ done, total });
      if (file) setStatus(t('readingFile', { done: done + 1, total, file }));
    });
    const c = parsed.consolidation;
    const read = c.totals.read;
    if (read === 0) {
      setStatus(t('consolidateNothing'));
      message('error', t('consolidateNothing'));
      showFileReports(parsed);
      return;
    }
    setStatus(t('writing', { done: 0, total: 1 }));
    const r = await run((context) => ops.writeConsolidation(context, parsed, progress));
    const line = isJapanese() ? ops.summaryLine(c).ja : ops.summaryLine(c).en;
    setStatus(t('consolidated', { summary: line, syncs: r.syncs }));
    message('success', t('consolidated', { summary: line, syncs: r.syncs }));
    showFileReports(parsed);
  });
}

/** Unreadable files, duplicates, skipped files and notes, each file named with why. */
function showFileReports(parsed: ParsedFiles): void {
  const files = parsed.consolidation.files;
  const why = (m: { ja: string; en: string } | null) => (m ? (isJapanese() ? m.ja : m.en) : '');
  const name = (file: string) => el('strong', {}, [file]);
  const unreadable = files.filter((f) => f.status === 'unreadable');
  if (unreadable.length) message('error', t('consolidateUnreadable', { count: unreadable.length }), unreadable.map((f) => [name(f.file), `: ${why(f.problem)}`]));
  const dups = files.filter((f) => f.duplicates.length);
  if (dups.length) {
    const sep = isJapanese() ? '、' : ', ';
    message(
      'warning',
      t('consolidateDuplicates', { count: dups.length }),
      dups.flatMap((f) => {
        const byKept = new Map<string, typeof f.duplicates>();
        for (const d of f.duplicates) byKept.set(d.keptFrom, [...(byKept.get(d.keptFrom) ?? []), d]);
        return [...byKept].map(([kept, ds]) => {
          const differ = ds.filter((d) => !d.identical).map((d) => d.id);
          const same = differ.length ? t('duplicateDiffer', { ids: differ.join(sep) }) : t('duplicateSame');
          return [name(f.file), `: ${t('duplicateLine', { ids: ds.map((d) => d.id).join(sep), kept, same })}`];
        });
      }),
    );
  }
  const skipped = files.filter((f) => f.status === 'skipped');
  if (skipped.length) message('info', t('consolidateSkipped', { count: skipped.length }), skipped.map((f) => [name(f.file), `: ${why(f.problem)}`]));
  const noted = files.filter((f) => f.notes.length);
  if (noted.length) message('info', t('consolidateNotes', { count: noted.length }), noted.flatMap((f) => f.notes.map((n) => [name(f.file), `: ${why(n)}`])));
  const inputs = files.flatMap((f) => f.inputProblems.map((p) => [name(f.file), `: ${why(inputProblemText(p))}`]));
  if (inputs.length) message('warning', t('consolidateInputs', { count: inputs.length }), inputs);
}

// ---------------------------------------------------------------------------------------------------
// 一覧・書き出し

async function refreshOverview(): Promise<void> {
  await operation('reading', async (progress) => {
    const ops = await engine();
    const r = await run((context) => ops.refreshOverview(context, progress));
    setStatus(t('overviewDone', { syncs: r.syncs }));
  });
}

async function exportJson(): Promise<void> {
  await operation('reading', async () => {
    const ops = await engine();
    const r = await run((context) => ops.exportPlan(context));
    download(r.fileName, r.json);
    if (r.problems.length) message('warning', t('exportedWithProblems', { file: r.fileName, count: r.problems.length }), problemLines(r.problems));
    setStatus(t('exported', { file: r.fileName }));
  });
}

/** A file download from the pane (Excel on the web and desktop both hand it to the browser's download). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// ---------------------------------------------------------------------------------------------------
// Wiring

function onSubmit(id: string, fn: () => void): void {
  $(id).addEventListener('submit', (e) => {
    e.preventDefault();
    fn();
  });
}

function wire(): void {
  $('create-sample').addEventListener('click', () => void createSample());
  const fileInput = $<HTMLInputElement>('plan-file');
  $('pick-file').addEventListener('click', () => {
    if (!busy) fileInput.click();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) void createFromFile(file);
  });
  $('add-kpi-row').addEventListener('click', () => {
    const box = $('item-kpis');
    box.append(kpiFieldset(t('kpiLegend', { no: box.children.length + 1 }), itemFormYears(), true));
    (box.lastElementChild?.querySelector('fluent-text-input') as HTMLElement | null)?.focus();
  });
  for (const id of ['first-year', 'last-year']) $(id).addEventListener('change', renderItemTargets);
  // The buttons act on click; Enter in a field submits its form, which does the same.
  $('create-item').addEventListener('click', () => void createItem());
  $('add-kpi').addEventListener('click', () => void addKpi());
  $('add-year').addEventListener('click', () => void addYear());
  onSubmit('item-form', () => void createItem());
  onSubmit('kpi-form', () => void addKpi());
  onSubmit('year-form', () => void addYear());
  $('check-active').addEventListener('click', () => void check('active'));
  $('check-all').addEventListener('click', () => void check('all'));
  $('audit-run').addEventListener('click', () => void audit());
  $('submit-check').addEventListener('click', () => void submitCheck());
  const deptFiles = $<HTMLInputElement>('dept-files');
  $('pick-workbooks').addEventListener('click', () => {
    if (!busy) deptFiles.click();
  });
  deptFiles.addEventListener('change', () => {
    const files = Array.from(deptFiles.files ?? []);
    deptFiles.value = '';
    if (files.length) void consolidateFiles(files);
  });
  $('refresh-overview').addEventListener('click', () => void refreshOverview());
  $('export-json').addEventListener('click', () => void exportJson());
}

registerFluent();
Office.onReady((info) => {
  setLanguage(Office.context?.displayLanguage);
  applyTexts();
  if (info.host !== Office.HostType.Excel) {
    $('plan-summary').textContent = t('outside');
    return;
  }
  ready = true;
  wire();
  setBusy(false);
  renderItemTargets();
  renderAddKpiFields();
  void refreshOutline();
});
