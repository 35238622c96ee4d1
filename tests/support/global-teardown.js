// Removes the run's temporary folder (see global-setup.js).
const fs = require('fs');

module.exports = async () => {
  const root = process.env.HYOKA_TEST_TMP;
  if (root && root.includes('hyoka-test-run-')) fs.rmSync(root, { recursive: true, force: true });
};
