// Auto-filters that survive other spreadsheets. Excel writes every auto-filter twice: <autoFilter> in
// the sheet and a sheet-local defined name _xlnm._FilterDatabase over the same range. exceljs writes
// only the first, and LibreOffice drops a filter that has no name (the office's filters vanished after
// one save); so the names are added to the model exceljs renders its defined names from.
import type ExcelJS from 'exceljs';
import { a1 } from '../layout/a1';

/** Adds _xlnm._FilterDatabase for every worksheet's auto-filter; call after the filters are set. */
export function addFilterDatabaseNames(wb: ExcelJS.Workbook): void {
  const filters = wb.worksheets.flatMap((ws, localSheetId) => {
    const f = ws.autoFilter as string | { from: Corner; to: Corner } | undefined;
    if (!f) return [];
    const ref = typeof f === 'string' ? f.replace(/\$/g, '').replace(/([A-Z]+)(\d+)/g, '$$$1$$$2') : `${absolute(f.from)}:${absolute(f.to)}`;
    const range = `'${ws.name.replace(/'/g, "''")}'!${ref}`;
    return [{ name: '_xlnm._FilterDatabase', localSheetId, ranges: [range] }];
  });
  if (!filters.length) return;
  const names = wb.definedNames as unknown as { model: unknown[] };
  const accessor = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(names), 'model');
  if (!accessor?.get || !accessor.set) return;
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => [...(accessor.get!.call(names) as unknown[]), ...filters],
    set: (v: unknown) => accessor.set!.call(names, v),
  });
}

interface Corner {
  row: number;
  column: number;
}

function absolute(at: Corner): string {
  return a1(at.row, at.column).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}
