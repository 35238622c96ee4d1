// Errors the pane shows as they are: a message in Japanese and in English, never a stack trace.

export class PaneError extends Error {
  constructor(
    readonly ja: string,
    readonly en: string,
  ) {
    super(`${ja} / ${en}`);
    this.name = 'PaneError';
  }
}

/** Anything thrown, in plain words of the pane's language. */
export function plainMessage(error: unknown, japanese: boolean): string {
  if (error && typeof error === 'object') {
    const e = error as { ja?: unknown; en?: unknown; message?: unknown; code?: unknown; debugInfo?: { message?: unknown } };
    if (typeof e.ja === 'string' && typeof e.en === 'string') return japanese ? e.ja : e.en;
    // Office.js errors: an OfficeExtension.Error has a code and a message in Office's language.
    if (typeof e.code === 'string' && typeof e.message === 'string') {
      const known = OFFICE_ERRORS[e.code];
      if (known) return `${japanese ? known[0] : known[1]}（${e.message}）`;
      return e.message;
    }
    if (typeof e.message === 'string' && e.message) return e.message;
  }
  return String(error);
}

/** Office.js error codes a clerk can act on. */
const OFFICE_ERRORS: Record<string, [string, string]> = {
  InvalidOperationInCellEditMode: ['セルの編集中は実行できません。Enter か Esc で編集を終えてから、もう一度押してください', 'Excel is in cell-edit mode: press Enter or Esc, then try again'],
  AccessDenied: ['シートかブックが保護されています。保護を解除してから実行してください', 'the sheet or workbook is protected: unprotect it and try again'],
  ItemAlreadyExists: ['同じ名前のシートが既にあります', 'a sheet of that name already exists'],
  ItemNotFound: ['シートが見つかりません（名前が変わったか、削除されました）', 'the sheet was not found (renamed or deleted)'],
  RequestPayloadSizeLimitExceeded: ['一度に送るデータが大きすぎます', 'the request is too large for Excel'],
  GeneralException: ['Excel で問題が起きました', 'Excel reported a problem'],
};
