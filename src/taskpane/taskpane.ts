/// <reference types="office-js" />
// The task pane, first version: one button that builds the workbook of the bundled sample plan in the
// open workbook. The plan (and the code that lays it out) load only when the button is pressed, so the
// first bundle stays small; exceljs is never part of the pane.
import { writeWorkbook, type WriteProgress } from '../office/write-sheet';

/** Japanese first; English when Office's display language is something else. */
const ja = () => /^ja/i.test(Office.context?.displayLanguage ?? 'ja-JP');

const TEXT = {
  title: ['評価シート', 'Evaluation sheets'],
  button: ['ワークブック作成（サンプル計画）', 'Build workbook (sample plan)'],
  working: ['作成中…', 'Building…'],
  batch: ['作成中… {done} / {total}', 'Building… {done} of {total}'],
  done: ['{sheets} 枚のシートを作成しました（Excel とのやり取り {syncs} 回）。', 'Created {sheets} sheets ({syncs} round trips to Excel).'],
  failed: ['作成できませんでした: {message}', 'Could not build the workbook: {message}'],
  outside: ['Excel の中で開いてください。', 'Open this page inside Excel.'],
} as const;

function t(key: keyof typeof TEXT, values: Record<string, string | number> = {}): string {
  return TEXT[key][ja() ? 0 : 1].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

function element<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

async function buildSample(): Promise<void> {
  const button = element<HTMLButtonElement>('create-sample');
  const status = element<HTMLParagraphElement>('status');
  const progress = element<HTMLProgressElement>('progress');
  if (button.disabled) return; // never twice at once
  button.disabled = true;
  status.classList.remove('error');
  status.textContent = t('working');
  progress.hidden = false;
  progress.removeAttribute('value'); // indeterminate until the first batch is done
  try {
    const [{ default: json }, { parsePlan }, { buildWorkbookLayout }] = await Promise.all([
      import(/* webpackChunkName: "sample-plan" */ '../../seeds/gunma-2020.json'),
      import(/* webpackChunkName: "layout" */ '../model/validate'),
      import(/* webpackChunkName: "layout" */ '../layout/workbook'),
    ]);
    const parsed = parsePlan(json);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${ja() ? p.ja : p.en}`).join('\n'));
    const layout = buildWorkbookLayout(parsed.plan);
    const report = await Excel.run((context) =>
      writeWorkbook(context, layout, (p: WriteProgress) => {
        progress.max = p.total;
        progress.value = p.done;
        status.textContent = t('batch', { done: p.done, total: p.total });
      }),
    );
    status.textContent = t('done', { sheets: report.sheets.length, syncs: report.syncs });
  } catch (e) {
    status.classList.add('error');
    status.textContent = t('failed', { message: e instanceof Error ? e.message : String(e) });
  } finally {
    progress.hidden = true;
    button.disabled = false;
  }
}

Office.onReady((info) => {
  document.documentElement.lang = ja() ? 'ja' : 'en';
  element('title').textContent = t('title');
  const button = element<HTMLButtonElement>('create-sample');
  button.textContent = t('button');
  if (info.host !== Office.HostType.Excel) {
    element('hint').textContent = t('outside');
    return;
  }
  element('hint').hidden = true;
  button.disabled = false;
  button.addEventListener('click', () => void buildSample());
});
