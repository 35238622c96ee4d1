/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking runs once in `npm run typecheck`; here ts-jest only transpiles (fast).
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 120000,
  // One private temporary folder per run, removed at the end (tests never leave files behind).
  globalSetup: '<rootDir>/tests/support/global-setup.js',
  globalTeardown: '<rootDir>/tests/support/global-teardown.js',
  // office-addin-mock's dependencies strip-bom and uuid ship ESM only: small CommonJS stand-ins.
  moduleNameMapper: {
    '^strip-bom$': '<rootDir>/tests/shims/strip-bom.js',
    '^uuid$': '<rootDir>/tests/shims/uuid.js',
  },
};
