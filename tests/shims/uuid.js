// CommonJS stand-in for uuid (ESM-only since v12), so jest can load office-addin-mock's dependencies.
'use strict';
const crypto = require('crypto');
const v4 = () => crypto.randomUUID();
const NIL = '00000000-0000-0000-0000-000000000000';
const validate = (s) => typeof s === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
module.exports = { v4, NIL, validate, default: { v4, NIL, validate } };
