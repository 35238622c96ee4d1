// Every test run gets one private temporary folder: TMPDIR points into it, so os.tmpdir(), mkdtemp and
// LibreOffice's own scratch files (lu*.tmp, its IPC pipe) all land inside, and global-teardown.js removes
// it whatever a test forgot. Workers are started after this runs and inherit the variable.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hyoka-test-run-'));
  process.env.HYOKA_TEST_TMP = root;
  process.env.TMPDIR = root;
};
