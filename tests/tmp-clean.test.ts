// Tests write only into the run's private temporary folder (tests/support/global-setup.js).
import * as os from 'os';

test('os.tmpdir() is the run-private folder that global teardown removes', () => {
  expect(process.env.HYOKA_TEST_TMP).toMatch(/hyoka-test-run-/);
  expect(os.tmpdir()).toBe(process.env.HYOKA_TEST_TMP);
});
