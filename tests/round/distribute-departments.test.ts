// Departments as a round sees them: one key however a name is spelled, one cell split into its
// departments (「・」 only between names that stand alone), the office's CSV list read with its edge cases
// and its bad rows named by line, and file names that Windows accepts.
import { DepartmentDirectory, departmentKey, parseDepartmentCsv, splitDepartments } from '../../src/round/departments';
import { FileNamer, safeBaseName, MAX_BASE_LENGTH } from '../../src/round/file-names';
import { windowsSafe } from './support-distribute';

describe('departmentKey: one department however it is spelled', () => {
  test.each([
    ['(総)総務課', '（総）総務課'],
    ['(総)総務課', '【総】総務課'],
    ['(総)総務課', '［総］総務課'],
    ['(総)総務課', ' (総) 総務課 '],
    ['(総)総務課', '（総）　総務課'],
    ['ＤＸ推進課', 'DX推進課'],
    ['デジタル課', 'ﾃﾞｼﾞﾀﾙ課'],
  ])('%s = %s', (a, b) => {
    expect(departmentKey(a)).toBe(departmentKey(b));
  });

  test.each([
    ['(総)総務課', '(教)総務課'],
    ['総務課', '(総)総務課'],
    ['人事課', '人事委員会'],
  ])('%s ≠ %s', (a, b) => {
    expect(departmentKey(a)).not.toBe(departmentKey(b));
  });
});

describe('splitDepartments', () => {
  test.each([
    ['業務プロセス改革課、会計管理課', ['業務プロセス改革課', '会計管理課']],
    ['業務プロセス改革課,会計管理課，人事課', ['業務プロセス改革課', '会計管理課', '人事課']],
    ['財政課/財産有効活用課／税務課', ['財政課', '財産有効活用課', '税務課']],
    ['財政課\n税務課\r\n人事課', ['財政課', '税務課', '人事課']],
    ['（総）総務課、(総)総務課、人事課', ['（総）総務課', '人事課']], // one department, kept as first written
    [' 人事課 、、 ', ['人事課']],
    ['', []],
    // 「・」 between two names that stand alone separates (Saitama), inside one name it does not (Gunma).
    ['企画財政部・総務部', ['企画財政部', '総務部']],
    ['企画財政部・危機管理防災部', ['企画財政部', '危機管理防災部']],
    ['グリーンイノベーション推進課、県民活動支援・広聴課', ['グリーンイノベーション推進課', '県民活動支援・広聴課']],
  ])('%j → %j', (text, expected) => {
    expect(splitDepartments(text)).toEqual(expected);
  });

  test("the office's list decides 「・」: a listed whole stays whole, listed parts separate", () => {
    const whole = new DepartmentDirectory(parseDepartmentCsv('code,name\n01,企画財政部・総務部\n', 'a.csv'));
    expect(splitDepartments('企画財政部・総務部', whole.knows)).toEqual(['企画財政部・総務部']);
    const parts = new DepartmentDirectory(parseDepartmentCsv('code,name\n01,県民活動支援\n02,広聴課\n', 'b.csv'));
    expect(splitDepartments('県民活動支援・広聴課', parts.knows)).toEqual(['県民活動支援', '広聴課']);
  });
});

describe('parseDepartmentCsv', () => {
  test('BOM, CRLF, quoted fields with commas, "" and a line break; aliases by ;; blank lines skipped', () => {
    const text =
      '\uFEFFcode,name,aliases\r\n01,"(総)総務課","（総）総務課;総務課"\r\n\r\n' +
      '02,"人事課, 本庁","""人事"";人事室"\r\n03,"自治研修\nセンター",\r\n';
    const list = parseDepartmentCsv(text, 'dept.csv');
    expect(list).toEqual([
      { code: '01', name: '(総)総務課', aliases: ['（総）総務課', '総務課'], line: 2 },
      { code: '02', name: '人事課, 本庁', aliases: ['"人事"', '人事室'], line: 4 },
      { code: '03', name: '自治研修\nセンター', aliases: [], line: 5 },
    ]);
    const directory = new DepartmentDirectory(list);
    expect(directory.lookup('（総） 総務課')?.code).toBe('01');
    expect(directory.lookup('人事室')?.code).toBe('02');
    expect(directory.lookup('財政課')).toBeUndefined();
  });

  test('columns in another order, without code or aliases; a header in capitals', () => {
    const reordered = parseDepartmentCsv('Name,Code\n財政課,9\n', 'x.csv');
    expect(reordered).toEqual([{ code: '9', name: '財政課', aliases: [], line: 2 }]);
    expect(parseDepartmentCsv('name\n財政課', 'x.csv')).toEqual([{ name: '財政課', aliases: [], line: 2 }]);
  });

  test.each([
    ['', 'x.csv', '所属一覧が空です', 'empty'],
    ['code,nmae\n01,財政課\n', 'x.csv', '1 行目', 'the header must be code,name,aliases'],
    ['code,name\n01,財政課\n02,,\n', 'x.csv', '3 行目', 'line 3: too many fields'],
    ['code,name\n01,財政課\n02,\n', 'x.csv', '3 行目: 所属名（name）が空です', 'line 3: the department name (name) is empty'],
    ['code,name\n01,財政課\n01,税務課\n', 'x.csv', '3 行目: コード「01」は 2 行目と重複しています', 'repeats line 2'],
    ['code,name,aliases\n01,(総)総務課,\n02,総務部,（総）総務課\n', 'x.csv', '3 行目', 'names the department of line 2 too'],
    ['code,name\n01,"財政課\n02,税務課\n', 'x.csv', '2 行目の引用符', 'line 2: a quoted field is not closed'],
  ])('bad list %j is refused naming the line', (text, file, ja, en) => {
    let error: { ja: string; en: string; file: string } | undefined;
    try {
      parseDepartmentCsv(text, file);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error?.file).toBe(file);
    expect(error?.ja).toContain(ja);
    expect(error?.en).toContain(en);
  });
});

describe('file names', () => {

  test.each([
    ['R5_01_a/b:c*?"<>|d', 'R5_01_a_b_c______d'],
    ['CON', '_CON'],
    ['nul.tar', '_nul.tar'],
    ['com1', '_com1'],
    ['R5_01_総務課. . ', 'R5_01_総務課'],
    ['R5_01_tab\there', 'R5_01_tab_here'],
    ['', '_'],
  ])('%j → %j', (raw, expected) => {
    expect(safeBaseName(raw)).toBe(expected);
    expect(windowsSafe(`${safeBaseName(raw)}.xlsx`)).toBe(true);
  });

  test('long names are cut to the limit, never inside a surrogate pair; repeats get ~2, ~3 (case ignored)', () => {
    const long = safeBaseName(`R5_01_${'𠮷'.repeat(30)}`);
    expect(long.length).toBeLessThanOrEqual(MAX_BASE_LENGTH);
    expect(long).toBe(`R5_01_${'𠮷'.repeat(17)}`);
    const namer = new FileNamer('.xlsx');
    namer.reserve('配布台帳.xlsx');
    expect(namer.name('配布台帳')).toBe('配布台帳~2.xlsx');
    const a = namer.name(`R5_${'x'.repeat(50)}`);
    const b = namer.name(`r5_${'X'.repeat(50)}`);
    expect(a.toLowerCase()).not.toBe(b.toLowerCase());
    expect(b.replace(/\.xlsx$/, '').length).toBeLessThanOrEqual(MAX_BASE_LENGTH);
    expect(b).toMatch(/~2\.xlsx$/);
  });
});
