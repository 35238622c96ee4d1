// File names for the workbooks of a round: they travel by mail and shared folders to Windows machines,
// so each is valid there (no \ / : * ? " < > |, no control characters, no trailing dot or space, not a
// device name such as CON or COM1), short (paths near 260 characters break Explorer and Excel) and
// unique in the folder, where Windows ignores case.

/** Longest name before the extension, in UTF-16 units (what Windows counts). */
export const MAX_BASE_LENGTH = 40;

const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const DEVICE = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

/** Cut to `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

const trimEnd = (text: string) => text.replace(/[. ]+$/, '');

/** A base name (without extension) Windows accepts, at most `max` units long. */
export function safeBaseName(raw: string, max = MAX_BASE_LENGTH): string {
  let base = trimEnd(cut(raw.normalize('NFC').replace(FORBIDDEN, '_').trim(), max));
  // Windows reserves a device name whatever follows its first dot (「CON.xlsx」 and 「NUL.tar.xlsx」).
  if (DEVICE.test(base.split('.')[0])) base = cut(`_${base}`, max);
  return base === '' ? '_' : base;
}

/** Gives each base name a unique (case-insensitive) file name with `ext`, adding ~2, ~3 … when taken. */
export class FileNamer {
  private readonly used = new Set<string>();

  constructor(private readonly ext: string) {}

  /** Marks a name as taken (e.g. the register's own files). */
  reserve(file: string): void {
    this.used.add(file.toLowerCase());
  }

  name(raw: string): string {
    const base = safeBaseName(raw);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `~${n}`;
      const file = `${trimEnd(cut(base, MAX_BASE_LENGTH - suffix.length))}${suffix}${this.ext}`;
      if (this.used.has(file.toLowerCase())) continue;
      this.used.add(file.toLowerCase());
      return file;
    }
  }
}
