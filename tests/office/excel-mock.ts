/// <reference types="office-js" />
// The mock request context for jest: an office-addin-mock OfficeMockObject (its load/sync and property
// bookkeeping) over the in-memory workbook of excel-model.ts.
import { OfficeMockObject } from 'office-addin-mock';
import { mockApplication, MockSheet, MockWorkbook, MockWorksheets } from './excel-model';

export * from './excel-model';

export interface MockExcel {
  context: Excel.RequestContext & { sync: () => Promise<void> };
  book: MockWorkbook;
  mock: OfficeMockObject;
}

/** A request context over a fresh mock workbook, optionally with sheets already in it. */
export function createMockExcel(existingSheets: string[] = []): MockExcel {
  const book = new MockWorkbook();
  const mock = new OfficeMockObject({
    host: 'excel',
    workbook: { properties: { title: '' } },
    application: mockApplication(book) as unknown as Record<string, unknown>,
  });
  const worksheets = new MockWorksheets(book);
  for (const name of existingSheets) book.sheets.push(new MockSheet(book, name));
  const m = mock as unknown as { workbook: Record<string, unknown>; sync: () => Promise<void> };
  m.workbook.worksheets = worksheets;
  const officeSync = mock.sync.bind(mock);
  m.sync = async () => {
    book.onSync();
    await officeSync();
  };
  return { context: mock as unknown as MockExcel['context'], book, mock };
}
