/**
 * One Jest run for everything: pure unit tests next to the code (machines/, server/)
 * and integration/browser tests in tests/. The global setup starts ONE embedded
 * MongoDB-compatible engine (or uses MONGODB_URI); every test file gets its own database.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/machines', '<rootDir>/server', '<rootDir>/tests', '<rootDir>/client'],
  // Client component tests are *.test.tsx and choose jsdom with a `@jest-environment jsdom` docblock.
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
      },
    ],
  },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
