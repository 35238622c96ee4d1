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
  tabConsolidate: ['集計', 'Consolidate'],
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

  // 監査 (in the チェック tab)
  auditHeading: ['監査（再計算）', 'Audit (recalculation)'],
  auditText: ['すべての達成率・達成判定・達成件数を入力値から計算し直し、シートの表示・数式と突き合わせます。入力値の問題（数値欄の文字、単位の違い、目標のない実績など）も調べます（hyoka audit と同じ監査）。', 'Recalculates every rate, achieved flag and count from the inputs and compares them with what the sheets show and the formulas they hold; re-checks every input too (text in number cells, other units, actuals without a target …), as hyoka audit does.'],
  auditRun: ['このブックを監査', 'Audit this workbook'],
  auditNone: ['監査で指摘はありませんでした（実施項目 {sheets} シート、指標・年度 {kpiYears} 件を再計算）。', 'The audit found nothing ({sheets} item sheet(s), {kpiYears} KPI-years recalculated).'],
  auditFound: ['監査の指摘 {count} 件（実施項目 {sheets} シート、指標・年度 {kpiYears} 件を再計算）。項目を押すとそのセルを選択します。', '{count} audit finding(s) ({sheets} item sheet(s), {kpiYears} KPI-years recalculated). Choose one to select its cell.'],
  auditUnreadable: ['このブックは監査できません: {message}', 'This workbook cannot be audited: {message}'],
  findingValues: ['期待 {expected} ／ 実際 {found}', 'expected {expected} / found {found}'],
  findingFormula: ['正しい数式 {formula}', 'formula it should hold: {formula}'],
  blank: ['（空欄）', '(blank)'],

  // 担当者モード (a round workbook)
  clerkHeading: ['今年度の入力', 'This year’s inputs'],
  clerkSummary: ['{department} 宛て・{year} の実績（{total} 件中 {filled} 件入力済み）。項目を押すとそのセルを選択します。', 'Sent to {department}: the {year} actuals ({filled} of {total} filled in). Choose one to select its cell.'],
  todoFilled: ['入力済み', 'Filled in'],
  todoBlank: ['未入力', 'To fill in'],
  todoKpi: ['指標 {no}「{name}」（{unit}）', 'KPI {no} "{name}" ({unit})'],
  submitCheckHeading: ['提出前チェック', 'Check before sending'],
  submitCheckText: ['未入力の実績、数値の欄の文字、未達成の年度の空欄の要因分析・次年度への課題、理由のない目標変更、入力欄以外の変更を探します。', 'Looks for actuals not filled in, text in number cells, a blank 要因分析 or 次年度への課題 in a year with a miss, a target change without a reason, and changes outside the input cells.'],
  submitCheck: ['提出前チェック', 'Check before sending'],
  submitNone: ['提出前チェックで問題はありませんでした。提出できます。', 'Nothing found: the file is ready to send.'],
  submitFound: ['提出前チェックで {count} 件見つかりました。項目を押すとそのセルを選択します。', '{count} thing(s) to see to before sending. Choose one to select its cell.'],
  submitHowHeading: ['提出のしかた', 'How to send it back'],
  submitHow: ['Excel で「名前を付けて保存」し、形式は Excel ブック（.xlsx）のままにしてください。ファイル名は変えても構いません（照合はブックの中の配布スタンプで行います）。保存したファイルを行政改革の担当課に送り返してください。', 'Save it in Excel as an Excel workbook (.xlsx). The file name may change: returns are matched by the round stamp inside the workbook. Send the saved file back to the reform office.'],
  wholeWorkbook: ['ブック全体', 'The whole workbook'],
  clerk_missingActual: ['未入力の実績', 'Actual not filled in'],
  clerk_invalid: ['数値の欄に文字', 'Text in a number cell'],
  clerk_blankText: ['空欄の評価欄', 'Blank evaluation text'],
  clerk_requestIncomplete: ['目標変更の記入漏れ', 'Target change incomplete'],
  clerk_lockedChanged: ['配布時から変更', 'Changed since sent'],

  // 集計
  consolidateHeading: ['部署のワークブックを集計', 'Consolidate department workbooks'],
  consolidateText: ['部署から提出された評価シートのブック（.xlsx）を複数選ぶと、このブックに「実施項目別」「集計」「未達成」「読込結果」のシートを作ります。同じ名前のシートは置き換えます。ファイルはこのパソコンの中で読み込まれ、どこにも送られません。', 'Pick the departments’ evaluation workbooks (.xlsx, several at once): the sheets 実施項目別, 集計, 未達成 and 読込結果 are written into this workbook, replacing sheets of those names. The files are read on this computer and sent nowhere.'],
  pickWorkbooks: ['ブックを選択…', 'Choose workbooks…'],
  loadingReader: ['読み込みの準備をしています…', 'Getting the reader ready…'],
  readingFile: ['読み込み中 {done} / {total}: {file}', 'Reading {done} of {total}: {file}'],
  consolidated: ['集計しました: {summary}（Excel とのやり取り {syncs} 回）。', 'Consolidated: {summary} ({syncs} round trips to Excel).'],
  consolidateInputs: ['{count} 件の入力を評価できません（集計表では「入力不備」。セルを直してください）:', '{count} input(s) cannot be evaluated (「入力不備」 in the summary; correct the cells):'],
  consolidateUnreadable: ['{count} 件のファイルを読めませんでした（集計には含めていません）:', '{count} file(s) could not be read (left out of the summary):'],
  consolidateDuplicates: ['{count} 件のファイルに、先に読んだファイルと同じ実施項目がありました（先のファイルの分を採用）:', '{count} file(s) hold items already read from an earlier file (the earlier file’s are kept):'],
  duplicateLine: ['{ids} は {kept} と重複（{same}）', '{ids} duplicate {kept} ({same})'],
  duplicateSame: ['同一内容', 'identical'],
  duplicateDiffer: ['内容が異なる: {ids}', 'different: {ids}'],
  consolidateSkipped: ['{count} 件は集計の対象外です:', '{count} file(s) skipped:'],
  consolidateNotes: ['{count} 件のファイルに注意があります:', 'Notes on {count} file(s):'],
  consolidateNothing: ['読めたファイルがありません。シートは作りませんでした。', 'No file could be read: no sheets were written.'],

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

/** 監査's finding kinds (src/audit/types.ts FindingKind) in plain words. */
export const FINDING_KINDS: Record<string, readonly [string, string]> = {
  'formula-overwritten': ['数式の上書き', 'Formula typed over'],
  'formula-changed': ['数式の変更', 'Formula changed'],
  'value-mismatch': ['表示と再計算の不一致', 'Shown value disagrees'],
  'miss-shown-as-100': ['未達成なのに 100%', 'A miss shown as 100%'],
  'text-in-number-cell': ['数値の欄に文字', 'Text in a number cell'],
  'unit-mismatch': ['単位の違い', 'Another unit'],
  'invalid-actual': ['達成／未達成以外の実績', 'Not 達成 or 未達成'],
  'actual-without-target': ['目標のない年度の実績', 'Actual without a target'],
  'target-below-baseline': ['基準値を下回る目標', 'Target below the baseline'],
  'target-above-baseline': ['基準値を上回る目標', 'Target above the baseline'],
  'relative-target-unresolved': ['「前年度以上」が決まらない', 'Relative target unresolved'],
  'target-changed': ['計画と違う目標', 'Target differs from the plan'],
  'changed-since-sent': ['配布時から変更', 'Changed since sent'],
  'kpi-missing': ['指標の行がない', 'KPI rows missing'],
  'structure-changed': ['シートの構成が変わった', 'Sheet structure changed'],
  unreadable: ['監査できない', 'Cannot be audited'],
};

let japanese = true;

/** Japanese unless Office's display language is something else. */
export function setLanguage(displayLanguage: string | undefined): void {
  japanese = !displayLanguage || /^ja/i.test(displayLanguage);
}

export function isJapanese(): boolean {
  return japanese;
}

/** A finding kind in plain words (a kind added to the audit later shows as it is named). */
export function findingKind(kind: string): string {
  const words = FINDING_KINDS[kind];
  return words ? words[japanese ? 0 : 1] : kind;
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
