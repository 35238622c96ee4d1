// Text kept exactly through generate → export (issue 9, point 6): control characters, line ends, lone
// surrogates and astral characters in long strings and in the metadata, a ■ note, '&' in headers and
// footers of both writers, and a quote prefix on text Excel would read as a formula or number.
import JSZip from 'jszip';
import { Plan, type PlanInput } from '../../src/model/plan';
import { parsePlan } from '../../src/model/validate';
import { buildWorkbookLayout, metadataChunks, META_SHEET } from '../../src/layout/workbook';
import { writeWorkbookBuffer } from '../../src/xlsx/write';
import { loadWorkbook, workbookToPlan } from '../../src/xlsx/read';
import { writeSheet } from '../../src/office/write-sheet';
import { createMockExcel } from '../office/excel-mock';
import { canonical } from '../support/canonical';
import { a1 } from '../../src/layout/a1';

function planWith(patch: (input: PlanInput) => void): Plan {
  const input: PlanInput = {
    version: 1,
    plan: { id: 'p', title: 'R&D 計画 &Z', baseYear: 'R1', years: ['R2', 'R3'] },
    items: [
      {
        id: '1-1-1',
        goal: { no: 1, name: '目標' },
        reform: { no: 1, name: '改革' },
        no: 1,
        title: 'R&D の推進 &Z',
        kpis: [{ no: 1, name: '件数', unit: '件', direction: 'higher', targets: { R2: 10 }, actuals: { R2: 8 } }],
        schedule: [{ task: '調査', plan: { R2: [1] }, result: {} }],
      },
    ],
  };
  patch(input);
  const parsed = parsePlan(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.plan;
}

async function roundTrip(plan: Plan): Promise<{ back: Plan; buffer: Buffer }> {
  const buffer = await writeWorkbookBuffer(buildWorkbookLayout(plan));
  return { back: workbookToPlan(await loadWorkbook(buffer), 'text.xlsx'), buffer };
}

const item = (input: PlanInput) => input.items[0];

describe('texts a cell cannot hold exactly come back exactly', () => {
  test('U+000B, CRLF, a lone CR, other controls, DEL, TAB and lone surrogates', async () => {
    const plan = planWith((input) => {
      const it = item(input);
      it.situation = '一行目\u000b二行目（Word の改行）';
      it.problems = 'Windows\r\nの改行\r\n二つ';
      it.reformContent = '古い Mac\rの改行\u0001制御\u007f削除\tタブ';
      it.kpis![0].name = '孤立サロゲート\ud842だけ\udfb7';
      it.evaluations = { R2: { factors: 'A\r\nB', nextYearIssues: 'A\nB', response: 'A\u000bB' } };
    });
    const { back, buffer } = await roundTrip(plan);
    expect(canonical(Plan.parse(back))).toEqual(canonical(plan));
    // The cells show a visible stand-in: a line break for U+000B and CR, a control picture for the rest.
    const ws = (await loadWorkbook(buffer)).worksheets.find((w) => w.name.startsWith('(1)'))!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
    expect(texts).toContain('一行目\n二行目（Word の改行）');
    expect(texts).toContain('古い Mac\nの改行\u2401制御\u2421削除\tタブ');
  });

  test('a stand-in the clerk has edited stays as typed', async () => {
    const plan = planWith((input) => void (item(input).situation = 'a\u000bb'));
    const wb = await loadWorkbook(await writeWorkbookBuffer(buildWorkbookLayout(plan)));
    const ws = wb.worksheets.find((w) => w.name.startsWith('(1)'))!;
    ws.eachRow((row) => row.eachCell((c) => void (c.value === 'a\nb' && (c.value = 'a\nb（修正）'))));
    expect(workbookToPlan(wb, 'edited.xlsx').items[0].situation).toBe('a\nb（修正）');
  });

  test('a note starting with ■ stays a note, in an unmarked and a marked quarter', async () => {
    const plan = planWith((input) => {
      item(input).schedule = [{ task: '調査', plan: { R2: [1] }, result: {}, planNotes: { R2: { '1': '■済', '2': '■予定のみ' } }, resultNotes: { R3: { '4': '■' } } }];
    });
    const { back } = await roundTrip(plan);
    expect(back.items[0].schedule[0]).toEqual(plan.items[0].schedule[0]);
  });

  test('astral characters in long cells and across metadata chunk edges', async () => {
    const long = 'a' + '𠮷'.repeat(12000); // 24,001 UTF-16 units: crosses JSZip's 16,384-character slices
    const plan = planWith((input) => {
      item(input).situation = long;
      item(input).notes = 'x'.repeat(29990) + '🙂'.repeat(20); // a pair would straddle the 30,000-unit chunk edge
    });
    const { back } = await roundTrip(plan);
    expect(back.items[0].situation).toBe(long);
    expect(back.items[0].notes).toBe(plan.items[0].notes);
  });

  test('metadata chunks never end inside a surrogate pair and keep DEL', () => {
    const json = JSON.stringify({ t: 'ab🙂c\u007f' });
    for (let size = 2; size < json.length; size++) {
      const chunks = metadataChunks(json, size);
      expect(chunks.join('')).toBe(json.replace('\u007f', '\\u007f'));
      for (const c of chunks) expect(c).not.toMatch(/[\ud800-\udbff]$/);
    }
    expect(JSON.parse(metadataChunks(json, 4).join(''))).toEqual({ t: 'ab🙂c\u007f' });
  });
});

describe("'&' is literal in every header and footer", () => {
  test('the .xlsx writer and the Office.js writer escape it alike', async () => {
    const plan = planWith(() => undefined);
    const layout = buildWorkbookLayout(plan);
    const wb = await loadWorkbook(await writeWorkbookBuffer(layout));
    for (const ws of wb.worksheets.filter((w) => w.name !== META_SHEET)) {
      expect(ws.headerFooter.oddHeader).toBe('&C&10R&&D 計画 &&Z');
      expect(ws.headerFooter.oddFooter).toBe(`&C&9${ws.name.replace(/&/g, '&&')}　&P / &N`);
    }
    const item = layout.sheets.find((s) => s.kind === 'item')!;
    expect(item.name).toContain('&');
    const { context, book } = createMockExcel();
    await writeSheet(context, item);
    const page = book.sheet(item.name)!.page;
    expect(page.centerHeader).toBe('&10R&&D 計画 &&Z');
    expect(page.centerFooter).toBe(`&9${item.name.replace(/&/g, '&&')}　&P / &N`);
  });
});

describe('text Excel would re-read as a formula or number carries a quote prefix', () => {
  test('= + - @ and number-like text are quotePrefix cells; other text is not', async () => {
    const plan = planWith((input) => {
      item(input).situation = '=HYPERLINK("http://example.invalid","x")';
      item(input).problems = '-3';
      item(input).reformContent = '普通の文';
      item(input).evaluations = { R2: { factors: '+1+2', nextYearIssues: '@SUM(A1)', response: '１２３' } };
    });
    const layout = buildWorkbookLayout(plan);
    const zip = await JSZip.loadAsync(await writeWorkbookBuffer(layout));
    const styles = await zip.file('xl/styles.xml')!.async('string');
    const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    const sheet = layout.sheets.findIndex((s) => s.kind === 'item');
    const xml = await zip.file(`xl/worksheets/sheet${sheet + 1}.xml`)!.async('string');
    const styleOf = new Map([...xml.matchAll(/<c r="([A-Z]+\d+)" s="(\d+)" t="s">/g)].map((m) => [m[1], xfs[Number(m[2])]]));
    const { context, book } = createMockExcel();
    await writeSheet(context, layout.sheets[sheet]); // Office.js: the same text after an apostrophe
    const mock = book.sheet(layout.sheets[sheet].name)!;
    const quoted = (text: string) => {
      const cell = layout.sheets[sheet].cells.find((c) => c.value === text)!;
      const inFile = /quotePrefix="1"/.test(styleOf.get(a1(cell.row, cell.col)) ?? '');
      expect(mock.cell(cell.row, cell.col).quotePrefix).toBe(inFile);
      expect(mock.cell(cell.row, cell.col).input).toBe(text);
      return inFile;
    };
    for (const t of ['=HYPERLINK("http://example.invalid","x")', '-3', '+1+2', '@SUM(A1)', '１２３']) expect(quoted(t)).toBe(true);
    expect(quoted('普通の文')).toBe(false);
    // Every text cell of the sheet: both writers agree on the prefix.
    for (const c of layout.sheets[sheet].cells.filter((c) => typeof c.value === 'string')) quoted(c.value as string);
  });
});
