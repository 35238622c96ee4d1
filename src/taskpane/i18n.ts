// Every string the task pane shows, Japanese first, English when Office's display language is not
// Japanese. taskpane.html carries the Japanese text too (what shows before the script runs); its
// data-i18n keys name entries here, and tests/taskpane/i18n.test.ts keeps the two equal.

export const TEXT = {
  title: ['評価シート', 'Evaluation sheets'],
  outside: ['Excel の中で開いてください。', 'Open this page inside Excel.'],
  tabs: ['操作', 'Actions'],
  tabCreate: ['新規作成', 'New'],
  tabAdd: ['追加', 'Add'],
  tabCheck: ['チェック', 'Check'],
  tabBook: ['一覧・書き出し', 'Overview & export'],
  planNone: ['このブックにはまだ評価シートがありません。', 'This workbook has no evaluation sheets yet.'],
  planSummary: ['計画: {title}（実施項目 {items} 件、{first}〜{last}）', 'Plan: {title} ({items} items, {first}–{last})'],

  // 新規作成
  sampleHeading: ['サンプル計画から', 'From the sample plan'],
  sampleText: ['群馬県行財政改革大綱 実施計画（R2〜R6、実施項目 30 件）のシートを作ります。', 'Builds the sheets of the Gunma reform plan (R2–R6, 30 items).'],
  createSample: ['ワークブック作成（サンプル計画）', 'Build workbook (sample plan)'],
  replace: ['同じ名前のシートがあれば置き換える', 'Replace sheets of the same name'],
  fileHeading: ['計画ファイル（JSON）から', 'From a plan file (JSON)'],
  fileText: ['hyoka の計画ファイル（version 1）を選ぶと、内容を確かめてからシートを作ります。', 'Pick a hyoka plan file (version 1): it is checked, then the sheets are built.'],
  pickFile: ['ファイルを選択…', 'Choose file…'],
  blankHeading: ['空の実施項目シート', 'A blank item sheet'],
  blankText: ['このブックに計画があればその年度で、なければ下の計画欄の年度で作ります。', 'Uses the years of the plan in this workbook, or of the plan fields below when there is none.'],
  goalNo: ['目標 番号', 'Goal no.'],
  goalName: ['目標', 'Goal'],
  reformNo: ['改革 番号', 'Reform no.'],
  reformName: ['改革', 'Reform'],
  itemTitle: ['実施項目', 'Item'],
  leadDept: ['取組所属', 'Department'],
  kpisHeading: ['指標（ＫＰＩ）', 'KPIs'],
  kpiLegend: ['指標 {no}', 'KPI {no}'],
  kpiName: ['指標名', 'KPI name'],
  kpiUnit: ['単位', 'Unit'],
  kpiDirection: ['方向', 'Direction'],
  higher: ['高いほど良い', 'Higher is better'],
  lower: ['低いほど良い', 'Lower is better'],
  qualitative: ['定性（達成／未達成）', 'Qualitative (達成/未達成)'],
  kpiKgi: ['ＫＧＩ 番号（任意）', 'KGI no. (optional)'],
  kpiBaseline: ['基準値', 'Baseline'],
  targetsLegend: ['年度ごとの目標', 'Targets by year'],
  targetFor: ['{year} 目標', '{year} target'],
  addKpiRow: ['指標を追加', 'Add a KPI'],
  removeKpiRow: ['この指標を削除', 'Remove this KPI'],
  planHeading: ['新しい計画（ブックに計画がないとき）', 'New plan (when the workbook has none)'],
  planTitle: ['計画名', 'Plan title'],
  baseYear: ['基準年', 'Base year'],
  firstYear: ['開始年度', 'First year'],
  lastYear: ['最終年度', 'Last year'],
  createItem: ['シートを作成', 'Create the sheet'],

  // 追加
  addKpiHeading: ['指標を追加', 'Add a KPI'],
  addKpiText: ['開いている実施項目シートに指標を 1 行追加します。入力済みの値はそのまま残り、数式は作り直されます。', 'Adds a KPI to the item sheet that is open. Values already typed stay; formulas are rebuilt.'],
  addKpi: ['指標を追加', 'Add the KPI'],
  newKpi: ['新しい指標', 'New KPI'],
  addYearHeading: ['年度を追加', 'Add a fiscal year'],
  addYearText: ['計画に年度を追加します。年度は計画全体のものなので、すべての実施項目シートに列が増えます。', 'Adds a year to the plan: years belong to the whole plan, so every item sheet gets its columns.'],
  yearToAdd: ['追加する年度（例: R7）', 'Year to add (e.g. R7)'],
  addYear: ['年度を追加', 'Add the year'],
  noPlanYet: ['先に「新規作成」でシートを作ってください。', 'Create the sheets first (New).'],

  // チェック
  checkHeading: ['シートのチェック', 'Check the sheets'],
  checkText: ['実績の入力ミス、未入力の実績、上書きされた数式、再計算と合わない達成件数を探します。', 'Finds actuals that are not numbers, missing actuals, formulas typed over, and counts that disagree with the recomputation.'],
  checkActive: ['開いているシートをチェック', 'Check the open sheet'],
  checkAll: ['すべての実施項目シートをチェック', 'Check all item sheets'],
  checkNone: ['問題は見つかりませんでした（{sheets} シート）。', 'No problems found ({sheets} sheet(s)).'],
  checkFound: ['{count} 件の問題があります（{sheets} シート）。項目を押すとそのセルを選択します。', '{count} problem(s) in {sheets} sheet(s). Choose one to select its cell.'],
  kind_invalid: ['数値ではない実績', 'Not a number'],
  kind_missingActual: ['実績が未入力', 'Missing actual'],
  kind_formula: ['数式の上書き', 'Formula typed over'],
  kind_count: ['達成件数の不一致', 'Count disagrees'],
  problemWhere: ['{sheet}!{address}', '{sheet}!{address}'],
  problemKpi: ['指標 {no}「{name}」 {year}', 'KPI {no} "{name}" {year}'],
  problemYear: ['{year}', '{year}'],
  selected: ['{sheet}!{address} を選択しました。', 'Selected {sheet}!{address}.'],

  // 一覧・書き出し
  overviewHeading: ['一覧の更新', 'Refresh the overview'],
  overviewText: ['実施項目シートから「一覧」シートを作り直します（なければ先頭に作ります）。', 'Rebuilds the 一覧 overview sheet from the item sheets (first in the workbook when missing).'],
  refreshOverview: ['一覧を更新', 'Refresh 一覧'],
  exportHeading: ['書き出し', 'Export'],
  exportText: ['このブックのデータを計画ファイル（JSON）としてダウンロードします。', 'Downloads the workbook’s data as a plan file (JSON).'],
  exportJson: ['計画ファイルを書き出す', 'Export the plan file'],

  // Progress and results
  working: ['処理中…', 'Working…'],
  reading: ['ブックを読み込んでいます…', 'Reading the workbook…'],
  writing: ['シートを書き込んでいます… {done} / {total}', 'Writing sheets… {done} of {total}'],
  loadingEngine: ['準備しています…', 'Getting ready…'],
  created: ['{sheets} 枚のシートを作成しました（Excel とのやり取り {syncs} 回）。', 'Created {sheets} sheet(s) ({syncs} round trips to Excel).'],
  itemCreated: ['「{title}」のシートを作成しました（Excel とのやり取り {syncs} 回）。', 'Created the sheet of "{title}" ({syncs} round trips to Excel).'],
  kpiAdded: ['「{sheet}」に指標 {no}「{name}」を追加しました（Excel とのやり取り {syncs} 回）。', 'Added KPI {no} "{name}" to "{sheet}" ({syncs} round trips to Excel).'],
  yearAdded: ['{year} を追加し、{sheets} 枚のシートを作り直しました（Excel とのやり取り {syncs} 回）。', 'Added {year} and rebuilt {sheets} sheet(s) ({syncs} round trips to Excel).'],
  overviewDone: ['一覧を更新しました（Excel とのやり取り {syncs} 回）。', 'Refreshed 一覧 ({syncs} round trips to Excel).'],
  exported: ['{file} を書き出しました。', 'Exported {file}.'],
  exportedWithProblems: ['{file} を書き出しました。ただし計画ファイルとして {count} 件の問題があります:', 'Exported {file}, but as a plan file it has {count} problem(s):'],
  failed: ['できませんでした: {message}', 'That did not work: {message}'],
  planProblems: ['計画ファイルに {count} 件の問題があります。直してからもう一度選んでください:', 'The plan file has {count} problem(s). Fix them and choose it again:'],
  formProblems: ['入力に {count} 件の問題があります:', '{count} problem(s) in the form:'],
  sheetExists: ['同じ名前のシートが既にあります: {names}。「同じ名前のシートがあれば置き換える」を選ぶか、新しいブックで実行してください。', 'Sheets of these names already exist: {names}. Choose “Replace sheets of the same name”, or use a new workbook.'],
  required: ['「{field}」を入力してください', 'Enter “{field}”'],
  fileRead: ['ファイルを読めませんでした', 'Could not read the file'],
  busy: ['実行中です。終わるまでお待ちください。', 'Busy: please wait until it finishes.'],
} as const;

export type TextKey = keyof typeof TEXT;

let japanese = true;

/** Japanese unless Office's display language is something else. */
export function setLanguage(displayLanguage: string | undefined): void {
  japanese = !displayLanguage || /^ja/i.test(displayLanguage);
}

export function isJapanese(): boolean {
  return japanese;
}

export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  return TEXT[key][japanese ? 0 : 1].replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Field names of the plan file, for JSON paths in plain words. */
const FIELDS: Record<string, [string, string]> = {
  plan: ['計画', 'plan'],
  items: ['実施項目', 'item'],
  kpis: ['指標', 'KPI'],
  referenceIndicators: ['参考指標', 'reference indicator'],
  schedule: ['工程', 'schedule task'],
  kgis: ['ＫＧＩ', 'KGI'],
  goals: ['目標', 'goal'],
  policies: ['方針', 'policy'],
  targets: ['目標値', 'targets'],
  actuals: ['実績', 'actuals'],
  evaluations: ['評価', 'evaluations'],
  years: ['年度', 'years'],
  baseYear: ['基準年', 'base year'],
  title: ['名称', 'title'],
  name: ['名称', 'name'],
  goal: ['目標', 'goal'],
  reform: ['改革', 'reform'],
  unit: ['単位', 'unit'],
  direction: ['方向', 'direction'],
  baseline: ['基準値', 'baseline'],
  leadDept: ['取組所属', 'department'],
  relatedDepts: ['関係所属', 'related departments'],
  no: ['番号', 'number'],
  id: ['ID', 'id'],
  version: ['版', 'version'],
  kgi: ['ＫＧＩ 番号', 'KGI number'],
  task: ['取組', 'task'],
  deleted: ['削除', 'deletion'],
};

/**
 * A JSON path in plain words: $.items[3].kpis[0].direction → 「実施項目 4 件目 › 指標 1 件目 › 方向」.
 * Unknown field names stay as written.
 */
export function pathInWords(path: string): string {
  const parts: string[] = [];
  const re = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) parts.push(FIELDS[m[1]] ? FIELDS[m[1]][japanese ? 0 : 1] : m[1]);
    else if (m[2] !== undefined) {
      const n = Number(m[2]) + 1;
      parts[parts.length - 1] = japanese ? `${parts[parts.length - 1] ?? ''} ${n} 件目` : `${parts[parts.length - 1] ?? ''} no. ${n}`;
    } else parts.push(JSON.parse(`"${m[3]}"`));
  }
  return parts.length ? parts.join(' › ') : japanese ? 'ファイル全体' : 'the whole file';
}
