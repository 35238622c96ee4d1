// Figures checked with the engine's own parsers (rules/evaluate interpretActual, rules/parse-target), so
// validate accepts exactly what the engine evaluates: an actual the engine calls invalid (「abc」, 「28.3％」
// typed as text) is refused here with the engine's words, at its JSON path.
// Beyond the parsers, figures whose rate means nothing are refused: a negative target (a ratio of it is
// −36691400%; a KPI whose actual can be negative uses rateFormula "margin"), and a rate that overflows.
import { MAX_MAGNITUDE, type Kpi, type PlanHeader, type ReferenceIndicator } from './plan';
import { evaluateKpi, interpretActual } from '../rules/evaluate';
import { parseClerkValue } from '../rules/parse-number';
import { parseTarget } from '../rules/parse-target';
import { collector, type PathPart, type PlanProblem } from './issues';

type Add = ReturnType<typeof collector>;

/** Text that reads as a number (「1,266件」) where a figure is stored: the sheet would hold text, not the number. */
function numberAsText(kpi: Pick<Kpi, 'direction'>, raw: unknown, path: PathPart[], add: Add): void {
  if (typeof raw !== 'string' || parseClerkValue(raw).kind !== 'number') return;
  const got = interpretActual(kpi, raw);
  if (got.kind === 'error') add(path, got.message.ja, got.message.en);
}

function tooBig(value: number, path: PathPart[], add: Add): boolean {
  if (Math.abs(value) <= MAX_MAGNITUDE) return false;
  add(
    path,
    `数値 ${value} は ±10^15 を超えています（シートの入力範囲）`,
    `the figure ${value} exceeds ±10^15 (the sheets accept no more)`,
  );
  return true;
}

function targetProblems(kpi: Kpi, add: Add): void {
  if (kpi.direction === 'qualitative') return;
  for (const [y, raw] of Object.entries(kpi.targets)) {
    const spec = parseTarget(raw, kpi.direction, kpi.strict);
    if (spec.kind !== 'number' || tooBig(spec.value, ['targets', y], add) || spec.value >= 0) continue;
    add(
      ['targets', y],
      `目標 ${spec.value} が負です。負の目標に達成率はありません` +
        '（実績が負になりうる指標は rateFormula "margin" と正の目標で表します）',
      `the target ${spec.value} is negative: no rate can be computed against it` +
        ' (for actuals that can be negative, use rateFormula "margin" with a positive target)',
    );
  }
}

function actualProblems(kpi: Kpi, add: Add): void {
  for (const [y, raw] of Object.entries(kpi.actuals)) {
    const got = interpretActual(kpi, raw);
    if (got.kind === 'error') add(['actuals', y], got.message.ja, got.message.en);
  }
}

/** A relative target in the first plan year compares with the baseline: it must be a number (or 「－」). */
function baselineProblems(kpi: Kpi, header: PlanHeader | undefined, add: Add): void {
  numberAsText(kpi, kpi.baseline, ['baseline'], add);
  const first = header?.years[0];
  if (!first || kpi.direction === 'qualitative') return;
  if (parseTarget(kpi.targets[first] ?? null, kpi.direction, kpi.strict).kind !== 'relative') return;
  const base = interpretActual(kpi, kpi.baseline ?? null);
  if (base.kind === 'number' || base.kind === 'none' || base.kind === 'blank') return;
  add(
    ['baseline'],
    `${first} の目標は前年度の実績、つまり基準年 ${header.baseYear} の baseline と比べます。` +
      `baseline は数値で書きます（「${String(kpi.baseline)}」）`,
    `the ${first} target is the previous actual, i.e. the baseline of the base year ${header.baseYear}:` +
      ` write the baseline as a number, not "${String(kpi.baseline)}"`,
  );
}

/** Every rate the engine computes must be a finite number (1e15 ÷ 1e-300 overflows). */
function rateProblems(kpi: Kpi, header: PlanHeader, add: Add): void {
  const result = evaluateKpi(kpi, header);
  for (const [y, r] of Object.entries(result.years)) {
    // The engine shows 「－」 where the double overflows (rate null): a plan must not ask for that.
    const [t, a] = [r.target, r.actual];
    if (typeof t !== 'number' || typeof a !== 'number' || t === 0 || a === 0) continue;
    if (Number.isFinite((a / t) * 100) && Number.isFinite((t / a) * 100) && Number.isFinite(((t - a) / t) * 100)) continue;
    add(
      ['targets', y],
      `${y} の達成率が計算できません（目標と実績の桁が違いすぎます）`,
      `the ${y} rate overflows (target and actual differ by too many orders of magnitude)`,
    );
  }
}

/** The engine's view of one KPI's figures. `header` only when its years are sound (relative targets, rates). */
export function kpiValueProblems(kpi: Kpi, path: PathPart[], header: PlanHeader | undefined): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = collector(problems, path);
  actualProblems(kpi, add);
  targetProblems(kpi, add);
  baselineProblems(kpi, header, add);
  if (header && problems.length === 0) rateProblems(kpi, header, add);
  return problems;
}

/** A reference indicator's figures are shown, not evaluated: only text that should have been a number is refused. */
export function referenceValueProblems(ref: ReferenceIndicator, path: PathPart[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = collector(problems, path);
  const asNumber = { direction: 'higher' } as const;
  numberAsText(asNumber, ref.baseline, ['baseline'], add);
  for (const [y, raw] of Object.entries(ref.actuals)) numberAsText(asNumber, raw, ['actuals', y], add);
  return problems;
}
