// Named cell styles of the standard sheets, in Excel's own terms. Writers map a name to their host's
// format objects; the layout only ever says which name a cell wears.

export const FONT_NAME = 'ＭＳ Ｐゴシック';

export interface CellStyle {
  font: { size: number; bold?: boolean; color?: string; name?: string };
  fill?: string; // ARGB
  border?: 'thin' | 'none' | 'bottom';
  align: { horizontal: 'left' | 'center' | 'right'; vertical: 'top' | 'middle'; wrap?: boolean; shrink?: boolean };
  numFmt?: string;
  /** Input cells are unlocked; everything else stays locked under sheet protection. */
  locked: boolean;
}

const LABEL_FILL = 'FFDDEBF7';
const HEADER_FILL = 'FFBDD7EE';
const COMPUTED_FILL = 'FFF2F2F2';

export const STYLES = {
  title: { font: { size: 14, bold: true }, border: 'none', align: { horizontal: 'left', vertical: 'middle' }, locked: true },
  titleRight: { font: { size: 10 }, border: 'none', align: { horizontal: 'right', vertical: 'middle' }, locked: true },
  section: { font: { size: 10, bold: true }, border: 'none', align: { horizontal: 'left', vertical: 'middle' }, locked: true },
  label: { font: { size: 9, bold: true }, fill: LABEL_FILL, border: 'thin', align: { horizontal: 'center', vertical: 'middle', wrap: true }, locked: true },
  labelSmall: { font: { size: 8 }, fill: LABEL_FILL, border: 'thin', align: { horizontal: 'center', vertical: 'middle', wrap: true }, locked: true },
  labelLeft: { font: { size: 8 }, fill: LABEL_FILL, border: 'thin', align: { horizontal: 'left', vertical: 'middle', wrap: true }, locked: true },
  header: { font: { size: 9, bold: true }, fill: HEADER_FILL, border: 'thin', align: { horizontal: 'center', vertical: 'middle', wrap: true }, locked: true },
  headerSmall: { font: { size: 7 }, fill: HEADER_FILL, border: 'thin', align: { horizontal: 'center', vertical: 'middle', shrink: true }, locked: true },
  value: { font: { size: 9 }, border: 'thin', align: { horizontal: 'left', vertical: 'middle', wrap: true }, locked: true },
  valueCenter: { font: { size: 9 }, border: 'thin', align: { horizontal: 'center', vertical: 'middle', wrap: true }, locked: true },
  inputText: { font: { size: 9 }, border: 'thin', align: { horizontal: 'left', vertical: 'top', wrap: true }, locked: false },
  inputTextSmall: { font: { size: 8 }, border: 'thin', align: { horizontal: 'left', vertical: 'top', wrap: true }, locked: false },
  inputNumber: { font: { size: 9 }, border: 'thin', align: { horizontal: 'right', vertical: 'middle', shrink: true }, locked: false },
  inputCenter: { font: { size: 9 }, border: 'thin', align: { horizontal: 'center', vertical: 'middle', shrink: true }, locked: false },
  computedNumber: { font: { size: 9 }, fill: COMPUTED_FILL, border: 'thin', align: { horizontal: 'right', vertical: 'middle', shrink: true }, locked: true },
  rate: { font: { size: 9, color: 'FF1F3864' }, fill: COMPUTED_FILL, border: 'thin', align: { horizontal: 'center', vertical: 'middle', shrink: true }, locked: true },
  count: { font: { size: 11, bold: true }, fill: COMPUTED_FILL, border: 'thin', align: { horizontal: 'center', vertical: 'middle' }, locked: true },
  quarter: { font: { size: 7 }, border: 'thin', align: { horizontal: 'center', vertical: 'middle', wrap: true, shrink: true }, locked: false },
  helper: { font: { size: 8, color: 'FF808080' }, border: 'none', align: { horizontal: 'right', vertical: 'middle' }, locked: true },
  overviewNumber: { font: { size: 9 }, border: 'thin', align: { horizontal: 'right', vertical: 'middle' }, numFmt: '0', locked: true },
  overviewTotal: { font: { size: 9, bold: true }, fill: LABEL_FILL, border: 'thin', align: { horizontal: 'right', vertical: 'middle' }, numFmt: '0', locked: true },
  overviewTotalLabel: { font: { size: 9, bold: true }, fill: LABEL_FILL, border: 'thin', align: { horizontal: 'left', vertical: 'middle' }, locked: true },
  overviewCount: { font: { size: 9, bold: true }, border: 'thin', align: { horizontal: 'center', vertical: 'middle' }, locked: true },
  meta: { font: { size: 8 }, border: 'none', align: { horizontal: 'left', vertical: 'top' }, locked: true },
} satisfies Record<string, CellStyle>;

export type StyleName = keyof typeof STYLES;

/** Conditional-format looks: fill and font colour only (see ConditionalFormatSpec). */
export const LOOKS = {
  achieved: { fill: 'FFE2EFDA', font: 'FF375623' },
  missed: { fill: 'FFFCE4D6', font: 'FFC00000' },
  missing: { fill: 'FFFFF2CC', font: 'FF7F6000' },
  scheduled: { fill: 'FFBDD7EE', font: 'FF1F3864' },
  done: { fill: 'FFA9D08E', font: 'FF375623' },
} as const;
