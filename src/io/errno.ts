// Node's file-system errors speak English only: each code the tool can meet, in Japanese and English.
// One table for the command line's last-resort message and the consolidation's per-file reason.

const ERRNO: Record<string, readonly [ja: string, en: string]> = {
  ENOENT: ['ファイルまたはフォルダーがありません', 'no such file or folder'],
  ENOTDIR: ['フォルダーではありません', 'not a folder'],
  EISDIR: ['ファイルではなくフォルダーです', 'a folder, not a file'],
  EACCES: ['アクセスが拒否されました', 'permission denied'],
  EPERM: ['操作が許可されていません', 'operation not permitted'],
  ENOSPC: ['ディスクの空きがありません', 'no space left on the disk'],
  EROFS: ['読み取り専用の場所です', 'read-only file system'],
  EEXIST: ['同じ名前のものがすでにあります', 'already exists'],
  EMFILE: ['開いているファイルが多すぎます', 'too many open files'],
  ENAMETOOLONG: ['ファイル名が長すぎます', 'file name too long'],
  ELOOP: ['シンボリックリンクが循環しています', 'too many levels of symbolic links'],
  EBUSY: ['ファイルが使用中です', 'file busy'],
};

/** The error's code in both languages, or null when it is not a file-system error of the table. */
export function errnoMessage(e: unknown): { ja: string; en: string; code: string; path: string | null } | null {
  const err = e as NodeJS.ErrnoException | null;
  const words = err && typeof err.code === 'string' ? ERRNO[err.code] : undefined;
  if (!words) return null;
  return { ja: words[0], en: words[1], code: err!.code!, path: typeof err!.path === 'string' ? err!.path : null };
}
