/**
 * One Jest run for everything: pure unit tests next to the code (machines/, server/)
 * and integration/browser tests in tests/. The global setup starts ONE embedded
 * MongoDB-compatible engine (or uses MONGODB_URI); every test file gets its own database.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/machines', '<rootDir>/server', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
