// A rate as a number a spreadsheet can sort, filter, chart and reference, shown exactly as the display
// rule writes it (rate.ts displayRate): the displayed percent as a fraction under a percent number
// format with the display's decimals, and the grade as literal text after it. 「59%」 becomes 0.59
// under 0%, 「99.8%」 0.998 under 0.0%, 「67%（B）」 0.67 under 0%"（B）". What is not a percent (達成,
// 未達成, 「－」, nothing) stays text. Pure.
import { excelValue } from './round';

export interface RateCell {
  value: number;
  numFmt: string;
}

const PERCENT = /^(-?\d+)(?:\.(\d+))?%(?:（([^（）"\\]+)）)?$/;

/** The number and format that show `display`, or null when the display is not a percent. */
export function rateCell(display: string | null | undefined): RateCell | null {
  const m = display ? PERCENT.exec(display) : null;
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  const percent = Number(`${m[1]}${decimals ? `.${m[2]}` : ''}`);
  const format = `0${decimals ? `.${'0'.repeat(decimals)}` : ''}%`;
  return { value: excelValue(percent / 100), numFmt: m[3] ? `${format}"（${m[3]}）"` : format };
}
