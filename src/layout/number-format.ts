// Number formats: a KPI's figures show with the decimals its data uses (full precision stays in the
// cell), and a target typed with words (「75%以上」, 「約200」) keeps those words in its format.

/** Decimals a number was written with (0.1 + 0.2 style noise capped at 4). */
function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const text = String(x);
  if (/e/i.test(text)) return 4;
  return Math.min(4, (text.split('.')[1] ?? '').length);
}

/** '#,##0' or '#,##0.0…' with as many decimals as the KPI's own numbers use. */
export function numberFormatFor(kpi: { targets: Record<string, unknown>; actuals: Record<string, unknown>; baseline?: unknown }): string {
  const values = [...Object.values(kpi.targets), ...Object.values(kpi.actuals), kpi.baseline].filter((v): v is number => typeof v === 'number');
  const decimals = values.reduce((max, v) => Math.max(max, decimalsOf(v)), 0);
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

function literal(text: string): string {
  return text ? `"${text.replace(/"/g, '')}"` : '';
}

/**
 * For a target written with words around its number, the KPI's format wrapped in those words:
 * 「75%以上」 → "#,##0"%以上"" so the cell holds 75 and shows 75%以上.
 */
export function targetNumberFormat(raw: unknown, value: number, base: string): string {
  if (typeof raw !== 'string' || value < 0) return base;
  const m = /^([^0-9０-９]*?)[0-9０-９][0-9０-９,，.．]*(.*)$/.exec(raw.trim());
  if (!m || (!m[1] && !m[2])) return base;
  const decimals = decimalsOf(value);
  const fmt = decimals > 0 && !base.includes('.') ? `#,##0.${'0'.repeat(decimals)}` : base;
  return `${literal(m[1])}${fmt}${literal(m[2])}`;
}
