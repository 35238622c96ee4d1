// The engine's view of a plan: a readable table for people, and the stable JSON for programs.
// JSON contract: {"items":[{"id","title","kpis":[{"no","name","direction","years":{"R2":{"target",
// "actual","rate","display","achieved"}}}],"counts":{"R2":{"achieved","evaluated"}}}]}
import type { Plan } from '../model/plan';
import type { PlanResult } from '../rules/evaluate';
import { circled } from '../layout/grid';
import { formatFiscalYearLabel } from '../model/fiscal-year';
import type { Locations } from '../xlsx/read';

const sourceOf = (plan: Plan, item: number, kpi: number, year: string) =>
  plan.items[item]?.kpis.find((k) => k.no === kpi)?.sources?.[year];

export function evaluationJson(plan: Plan, result: PlanResult, locations: Locations = {}) {
  return {
    plan: { id: plan.plan.id, title: plan.plan.title, years: plan.plan.years },
    items: result.items.map((item, i) => ({
      id: item.id,
      title: item.title,
      kpis: item.kpis.map((k) => ({
        no: k.no,
        name: k.name,
        direction: k.direction,
        kgi: k.kgi,
        years: Object.fromEntries(
          Object.entries(k.years).map(([y, r]) => [
            y,
            r.status === 'noTarget' && r.actual === null
              ? null
              : {
                  target: r.target,
                  actual: r.actual,
                  rate: r.rate,
                  display: r.display,
                  achieved: r.achieved,
                  status: r.status,
                  ...(r.grade ? { grade: r.grade } : {}),
                  ...(r.problems ? { problems: r.problems } : {}),
                  ...(locations[item.id]?.[k.no]?.[y] ? { cell: locations[item.id][k.no][y] } : {}),
                  // A plan of record (hyoka merge): the department file and cell the actual came from.
                  ...(sourceOf(plan, i, k.no, y) ? { source: sourceOf(plan, i, k.no, y) } : {}),
                },
          ]),
        ),
      })),
      counts: Object.fromEntries(
        Object.entries(item.counts).map(([y, c]) => [y, c.status === 'notEvaluated' ? null : { achieved: c.achieved, evaluated: c.evaluated, missing: c.missing, display: c.display }]),
      ),
    })),
  };
}

const WORDS = {
  ja: { item: '実施項目', count: '達成件数', missing: '実績未入力', problems: '入力の問題' },
  en: { item: 'item', count: 'achieved', missing: 'actuals missing', problems: 'input problems' },
};

/** East Asian wide characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2460-\u24ff\u25a0-\u25ff]/.test(ch) ? 2 : 1;
  return w;
}
function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - width(s)));
}
function cut(s: string, n: number): string {
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > n - 1) return out + '…';
    out += ch;
  }
  return out;
}

export function renderEvaluationTable(plan: Plan, result: PlanResult, lang: 'ja' | 'en', locations: Locations = {}): string {
  const w = WORDS[lang];
  const years = plan.plan.years;
  const cell = 10;
  const lines: string[] = [plan.plan.title, ''];
  result.items.forEach((item, i) => {
    const src = plan.items[i];
    lines.push(`${w.item} (${src.no}) ${item.title}　[${src.leadDept}]`);
    lines.push(pad('', 36) + years.map((y) => pad(formatFiscalYearLabel(y), cell)).join(''));
    for (const k of item.kpis) {
      const label = cut(`${circled(k.no)} ${k.name}`, 34);
      lines.push(pad(label, 36) + years.map((y) => pad(k.years[y].display ?? (k.years[y].status === 'noActual' ? '·' : ''), cell)).join(''));
    }
    lines.push(pad(`  ${w.count}`, 36) + years.map((y) => pad(item.counts[y].display ?? '', cell)).join(''));
    const missing = years.filter((y) => item.counts[y].status === 'partial').map((y) => `${y} ${item.counts[y].missing}`);
    if (missing.length) lines.push(`  ${w.missing}: ${missing.join(', ')}`);
    const where = (no: number, y: string) => {
      const loc = locations[item.id]?.[no]?.[y];
      return loc ? ` '${loc.sheet}'!${loc.actual}` : '';
    };
    const problems = item.kpis.flatMap((k) => years.flatMap((y) => (k.years[y].problems ?? []).map((p) => `${circled(k.no)} ${y}${where(k.no, y)}: ${lang === 'ja' ? p.ja : p.en}`)));
    if (problems.length) lines.push(`  ${w.problems}:`, ...problems.map((p) => `    ${p}`));
    lines.push('');
  });
  return lines.join('\n');
}
