// Typed lint: floating promises are bugs (a lost write), and machines/ stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      '.tools/**',
      'node_modules/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['machines/**/*.ts'],
    ignores: ['machines/**/*.test.ts'], // tests may read docs/ (diagrams) and fixtures
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'express',
                'mongoose',
                'mongodb',
                'react',
                'react-dom',
                '@xstate/react',
                'node:*',
                'fs',
                'path',
                'child_process',
              ],
              message: 'machines/ is pure: no I/O, no transport, no UI.',
            },
            {
              group: ['../server/*', '../client/*', '../../server/*', '../../client/*'],
              message: 'machines/ may not depend on server or client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'client/**/*.ts', 'client/**/*.tsx', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/machines/*', '!**/machines/index'],
              message: 'Import machines only through machines/index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['client/**/*.tsx', 'client/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
