// Two gaps in exceljs 4.4 that lose text, closed where exceljs builds the file (imported once by write.ts):
//  1. JSZip UTF-8-encodes a string entry in 16,384-character slices, so an astral character (𠮷, 🙂)
//     that straddles a slice edge anywhere in a sheet or sharedStrings.xml becomes two U+FFFD. Entries
//     are handed over as bytes instead.
//  2. exceljs has no quotePrefix (the style bit Excel sets for text typed after an apostrophe). Without
//     it text such as 「=1+1」 or 「-3」 turns live on F2+Enter or a CSV save. A style object carrying
//     `quotePrefix: true` now writes quotePrefix="1" on its <xf>.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ZipStream = require('exceljs/lib/utils/zip-stream') as { ZipWriter: { prototype: ZipAppend } };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StylesXform = require('exceljs/lib/xlsx/xform/style/styles-xform') as { prototype: StylesProto };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const StyleXform = require('exceljs/lib/xlsx/xform/style/style-xform') as { prototype: StyleProto };

interface ZipAppend {
  append(data: unknown, options: { name: string; base64?: boolean }): void;
  __hyokaBytes?: boolean;
}
interface StylesProto {
  addStyleModel(model: { quotePrefix?: boolean } | undefined, cellType?: number): number;
  _addStyle(style: Record<string, unknown>): number;
  __hyokaQuote?: boolean;
}
interface XmlStream {
  addAttribute(name: string, value: string): void;
  openNode(name: string, attributes?: Record<string, unknown>): void;
}
interface StyleProto {
  render(xmlStream: XmlStream, model: Record<string, unknown>): void;
}

const zip = ZipStream.ZipWriter.prototype;
if (!zip.__hyokaBytes) {
  const append = zip.append;
  zip.append = function (data, options) {
    append.call(this, typeof data === 'string' && !options.base64 ? Buffer.from(data, 'utf8') : data, options);
  };
  zip.__hyokaBytes = true;
}

const styles = StylesXform.prototype;
if (!styles.__hyokaQuote) {
  const addStyleModel = styles.addStyleModel;
  styles.addStyleModel = function (model, cellType) {
    if (!model?.quotePrefix) return addStyleModel.call(this, model, cellType);
    // The <xf> is built inside addStyleModel: mark the one it adds (styles are deduplicated by their XML).
    const addStyle = this._addStyle;
    this._addStyle = (style) => addStyle.call(this, { ...style, quotePrefix: true });
    try {
      return addStyleModel.call(this, model, cellType);
    } finally {
      delete (this as Partial<StylesProto>)._addStyle; // the prototype's again
    }
  };
  const render = StyleXform.prototype.render;
  StyleXform.prototype.render = function (xmlStream, model) {
    if (!model.quotePrefix) return render.call(this, xmlStream, model);
    // The attribute must follow openNode('xf') and precede the child nodes render() adds.
    const openNode = xmlStream.openNode;
    xmlStream.openNode = function (name, attributes) {
      openNode.call(this, name, attributes);
      if (name === 'xf') xmlStream.addAttribute('quotePrefix', '1');
    };
    try {
      render.call(this, xmlStream, model);
    } finally {
      delete (xmlStream as Partial<XmlStream>).openNode;
    }
  };
  styles.__hyokaQuote = true;
}

export {};
