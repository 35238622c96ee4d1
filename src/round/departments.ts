// Departments (所属) as a round sees them. The plans spell one department several ways — 「(総)総務課」 and
// 「（総）総務課」, full- and half-width letters, stray spaces — and list several in one cell (取組所属
// 「業務プロセス改革課、会計管理課」), so every name is split and reduced to a key before anything is
// grouped. An optional list from the office (CSV: code,name,aliases) fixes display names, codes and order.
// Pure: no file system (the command reads the CSV file and passes its text).

/** A refusal the office can act on: what and where, in Japanese and English (exit 2 at the command line). */
export class RoundInputError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
    readonly file: string | null = null,
  ) {
    super(`${file ? `${file}: ` : ''}${ja} / ${en}`);
  }
}

// Brackets NFKC leaves apart (【】〔〕〈〉《》, and [] {} after it maps ［］｛｝): all become ( ).
const OPENING = /[【〔〈《［[｛{]/g;
const CLOSING = /[】〕〉》］\]｝}]/g;

/** The key one department has however it is spelled: NFKC, brackets as ( ), no spaces. */
export function departmentKey(name: string): string {
  return name.normalize('NFKC').replace(OPENING, '(').replace(CLOSING, ')').replace(/\s+/g, '');
}

/** Separators between departments in one cell. 「・」 is not one of them by itself: see splitDepartments. */
const SEPARATORS = /[、,，/／;；\r\n]+/;
const MIDDLE_DOT = /[・･]/;
/** The endings of an organisation's name: 「企画財政部・総務部」 is two, 「県民活動支援・広聴課」 is one. */
const ORGANISATION = /(部|課|室|局|所|センター|署|館|庁|会|者|校|院|場|班)$/;

/**
 * The departments one 取組所属 cell names, as written (trimmed), in order, without repeats (by key).
 * 「・」 also separates when every part is a department of its own — known to the office's list, or ending
 * like one (部, 課, 室 …) — since Saitama writes 「企画財政部・総務部」 but Gunma has 「県民活動支援・広聴課」.
 */
export function splitDepartments(text: string, knows: (key: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (name: string) => {
    const key = departmentKey(name);
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    out.push(name.trim());
  };
  for (const piece of text.split(SEPARATORS)) {
    const parts = piece.split(MIDDLE_DOT);
    const whole = departmentKey(piece);
    const standsAlone = (part: string) => knows(departmentKey(part)) || ORGANISATION.test(departmentKey(part));
    const separate = parts.length > 1 && !knows(whole) && parts.every(standsAlone);
    for (const p of separate ? parts : [piece]) add(p);
  }
  return out;
}

/** One row of the office's department list (所属一覧). */
export interface DepartmentEntry {
  code?: string;
  name: string;
  aliases: string[];
  /** Line of the CSV the row starts on (1 = the header). */
  line: number;
}

/** Records of a CSV text (RFC 4180: quoted fields, "" inside quotes, CRLF or LF), each with its first line. */
export function csvRecords(text: string, file: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0].trim() !== '') records.push({ fields, line: start });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      [quoted, quoteLine, field] = [true, line, ''];
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      start = ++line;
    } else field += c;
  }
  if (quoted) {
    const [ja, en] = [`${quoteLine} 行目の引用符 " が閉じていません`, `line ${quoteLine}: a quoted field is not closed`];
    throw new RoundInputError(ja, en, file);
  }
  if (field !== '' || fields.length) endRecord();
  return records;
}

const COLUMNS = ['code', 'name', 'aliases'] as const;

/** The office's department list: header code,name,aliases (aliases separated by ;). Bad rows named by line. */
export function parseDepartmentCsv(text: string, file: string): DepartmentEntry[] {
  const records = csvRecords(text.replace(/^\uFEFF/, ''), file);
  const bad = (line: number, ja: string, en: string) =>
    new RoundInputError(`${line} 行目: ${ja}`, `line ${line}: ${en}`, file);
  if (records.length === 0) throw new RoundInputError('所属一覧が空です', 'the department list is empty', file);
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (unknown.length || !header.includes('name') || new Set(header).size !== header.length) {
    const got = header.join(',');
    const ja = `見出しは code,name,aliases にしてください（${got}）`;
    throw bad(records[0].line, ja, `the header must be code,name,aliases (got ${got})`);
  }
  const column = (fields: string[], name: (typeof COLUMNS)[number]) =>
    header.includes(name) ? (fields[header.indexOf(name)] ?? '').trim() : '';
  const entries: DepartmentEntry[] = [];
  const byKey = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const { fields, line } of records.slice(1)) {
    const [count, expected] = [fields.length, header.length];
    if (count > expected) {
      const ja = `列が多すぎます（${count} 列; 見出しは ${expected} 列）`;
      throw bad(line, ja, `too many fields (${count}; the header has ${expected})`);
    }
    const name = column(fields, 'name');
    if (name === '') throw bad(line, '所属名（name）が空です', 'the department name (name) is empty');
    const code = column(fields, 'code');
    const aliases = column(fields, 'aliases').split(/[;；]/).map((a) => a.trim()).filter((a) => a !== '');
    if (code !== '') {
      const first = byCode.get(code);
      if (first !== undefined) {
        throw bad(line, `コード「${code}」は ${first} 行目と重複しています`, `code "${code}" repeats line ${first}`);
      }
      byCode.set(code, line);
    }
    for (const spelling of [name, ...aliases]) {
      const key = departmentKey(spelling);
      const first = byKey.get(key);
      if (first !== undefined && first !== line) {
        const ja = `「${spelling}」は ${first} 行目の所属と同じ名前です`;
        throw bad(line, ja, `"${spelling}" names the department of line ${first} too`);
      }
      byKey.set(key, line);
    }
    entries.push({ ...(code ? { code } : {}), name, aliases, line });
  }
  return entries;
}

/** The office's list looked up by any spelling of a name or alias. */
export class DepartmentDirectory {
  private readonly byKey = new Map<string, DepartmentEntry>();

  constructor(readonly entries: readonly DepartmentEntry[] = []) {
    for (const e of entries) for (const spelling of [e.name, ...e.aliases]) this.byKey.set(departmentKey(spelling), e);
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  lookup(name: string): DepartmentEntry | undefined {
    return this.byKey.get(departmentKey(name));
  }

  /** For splitDepartments: whether the list knows a key. */
  readonly knows = (key: string): boolean => this.byKey.has(key);
}
