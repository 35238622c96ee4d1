// CommonJS stand-in for strip-bom (ESM-only since v5), so jest can load office-addin-mock's dependencies.
'use strict';
function stripBom(string) {
  if (typeof string !== 'string') throw new TypeError(`Expected a string, got ${typeof string}`);
  return string.charCodeAt(0) === 0xfeff ? string.slice(1) : string;
}
module.exports = stripBom;
module.exports.default = stripBom;
