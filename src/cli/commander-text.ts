// Commander's own messages (unknown option, missing argument …) are English only: each gets its Japanese
// beside it, in the house form `hyoka: ja / en`, and a pointer to --help.
const RULES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^error: unknown option '(.*?)'/, (m) => `不明なオプション「${m[1]}」です`],
  [/^error: unknown command '(.*?)'/, (m) => `不明なコマンド「${m[1]}」です`],
  [/^error: missing required argument '(.*?)'/, (m) => `引数「${m[1]}」がありません`],
  [/^error: option '(.*?)' argument missing/, (m) => `オプション「${m[1]}」の値がありません`],
  [/^error: required option '(.*?)' not specified/, (m) => `必須のオプション「${m[1]}」がありません`],
  [/^error: too many arguments/, () => '引数が多すぎます'],
  [/^error: option '(.*?)' cannot be used with/, (m) => `オプション「${m[1]}」は一緒に使えないオプションと指定されています`],
  [/^error: option '(.*?)' argument '(.*?)' is invalid/, (m) => `オプション「${m[1]}」の値「${m[2]}」が正しくありません`],
];

/** Commander's error text (one or more lines, "error: …") in Japanese and English. */
export function translateCommanderError(text: string): string {
  const message = text.trim();
  const rule = RULES.map(([re, ja]) => {
    const m = re.exec(message);
    return m ? ja(m) : null;
  }).find((ja) => ja !== null);
  const en = message.replace(/^error: /, '');
  return `hyoka: ${rule ?? 'コマンドラインが正しくありません'} / ${en}\n使い方は hyoka --help / see hyoka --help\n`;
}
