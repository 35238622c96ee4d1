// Text as a cell can hold it. XML 1.0 (and so .xlsx) cannot store most control characters, lone
// surrogates or a bare CR (an XML reader turns CR and CRLF into LF), so such text is shown with a
// visible stand-in and its exact form travels in the hidden metadata (standInsOf), which the reader
// puts back (restoreStandIns). Both writers share the quote-prefix rule and the header/footer escaping.

/** Word's manual line break (U+000B) and a form feed read as line breaks; other controls as ␀…␟, ␡. */
export function cellText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000b\u000c]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f]/g, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(/\u007f/g, '\u2421')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Where a text sits in an item (['schedule', 0, 'planNotes', 'R2', '1']), what it is, and what its cell shows. */
export interface StandIn {
  at: (string | number)[];
  text: string;
  /** Omitted when it is cellText(text). */
  shown?: string;
}

/** Every text of an item whose cell would show a stand-in (cellText), with its place in the item. */
export function standInsOf(value: unknown, at: (string | number)[] = [], out: StandIn[] = []): StandIn[] {
  if (typeof value === 'string') {
    if (cellText(value) !== value) out.push({ at, text: value });
  } else if (Array.isArray(value)) value.forEach((v, i) => standInsOf(v, [...at, i], out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) standInsOf(v, [...at, k], out);
  }
  return out;
}

/**
 * Puts the exact texts back into an item read from its sheet: a text whose cell still shows the
 * stand-in becomes the text it stood for; one the clerk has since edited stays as typed.
 */
export function restoreStandIns<T extends object>(item: T, standIns: StandIn[] | undefined): T {
  for (const s of standIns ?? []) {
    let parent: unknown = item;
    for (const key of s.at.slice(0, -1)) {
      parent = parent && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
    }
    const last = s.at[s.at.length - 1];
    if (!parent || typeof parent !== 'object' || last === undefined) continue;
    const host = parent as Record<string | number, unknown>;
    if (host[last] === (s.shown ?? cellText(s.text))) host[last] = s.text;
  }
  return item;
}

/**
 * A string Excel would read as something else when typed or re-entered (a number, a date, a
 * percentage, a boolean, a formula): Office.js writes it after an apostrophe, as a person would type
 * it, and the .xlsx writer marks the cell quotePrefix — the same cell either way. Full-width digits
 * count (Japanese Excel converts them); text starting with a kanji or kana is left alone.
 */
export function needsTextPrefix(text: string): boolean {
  if (/^[=+\-@']/.test(text)) return true;
  const t = text.normalize('NFKC').trim();
  if (t === '') return text !== '';
  if (/^[-+(]?\s*[¥$€£]?\s*[\d.]/.test(t)) return true; // numbers, dates, times, fractions, percentages
  if (/^(令和|平成|昭和|大正|明治|[RHSTMrhstm])\s*[\d元]/.test(t)) return true; // era dates (R2.4.1, 令和2年4月)
  if (/^(true|false)$/i.test(t)) return true;
  if (/^#(N\/A|NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|GETTING_DATA|SPILL!|CALC!)$/i.test(t)) return true;
  return false;
}

/** Page numbers every printed sheet carries after its footer text. */
export const PAGE_CODES = '&P / &N';

/** '&' starts a code in Excel headers and footers: a literal ampersand is '&&'. */
export function headerFooterLiteral(text: string): string {
  return cellText(text).replace(/&/g, '&&');
}

/** The centre header and footer, in Excel's header/footer code, for a sheet's print setup. */
export function headerFooterCodes(p: { header: string; footer: string }): { header: string; footer: string } {
  const footer = `&9${headerFooterLiteral(p.footer)}　${PAGE_CODES}`;
  return { header: `&10${headerFooterLiteral(p.header)}`, footer };
}
