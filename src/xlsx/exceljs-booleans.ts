// exceljs 4.4 reads the protection attributes only as Excel writes them ("1"/"0"), but they are
// xsd:boolean and LibreOffice writes "true"/"false": a file a clerk saved in LibreOffice then read
// as every cell locked (locked="false" is not "0") and every sheet unprotected (sheet="true" is not
// "1"). The two parsers get the attributes normalised first. Imported by the bounded loader.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CellProtectionXform = require('exceljs/lib/xlsx/xform/style/protection-xform') as { prototype: ParseOpen };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SheetProtectionXform = require('exceljs/lib/xlsx/xform/sheet/sheet-protection-xform') as { prototype: ParseOpen };

interface ParseOpen {
  parseOpen(node: { attributes: Record<string, string> }): unknown;
  __hyokaBooleans?: boolean;
}

const XSD_BOOLEAN: Record<string, string> = { true: '1', false: '0' };

for (const proto of [CellProtectionXform.prototype, SheetProtectionXform.prototype]) {
  if (proto.__hyokaBooleans) continue;
  const parseOpen = proto.parseOpen;
  proto.parseOpen = function (node) {
    const attributes = Object.fromEntries(Object.entries(node.attributes).map(([k, v]) => [k, XSD_BOOLEAN[v] ?? v]));
    return parseOpen.call(this, { ...node, attributes });
  };
  proto.__hyokaBooleans = true;
}
