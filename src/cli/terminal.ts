// Everything the command line prints goes through here. File names and workbook text are the user's
// data, and a name or a cell may hold ESC sequences (colours, cursor moves, a terminal title, OSC 52
// clipboard writes) or bidirectional overrides that make a line read differently from what it holds.
// They are shown, not obeyed: C0 and C1 controls and DEL become \xNN, bidi controls \uNNNN. Line feeds and
// tabs stay. JSON output is printed with C1 and bidi controls as JSON escapes, which is the same data.

// C0 controls but tab and line feed, DEL, C1 controls.
const CONTROL_RE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates, and the Arabic letter mark.
const BIDI_RE = /[\u061c\u202a-\u202e\u2066-\u2069]/g;

const hex = (ch: string, width: number) => ch.charCodeAt(0).toString(16).padStart(width, '0');

/** The text as it may reach a terminal: controls made visible (ESC → \x1b, U+202E → \u202e). */
export function visible(text: string): string {
  return text.replace(CONTROL_RE, (ch) => `\\x${hex(ch, 2)}`).replace(BIDI_RE, (ch) => `\\u${hex(ch, 4)}`);
}

/** JSON for the terminal: JSON.stringify escapes C0 controls already; C1 and bidi controls are escaped too. */
export function terminalJson(value: unknown): string {
  const escape = (ch: string) => `\\u${hex(ch, 4)}`;
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u061c\u202a-\u202e\u2066-\u2069]/g, escape);
}
