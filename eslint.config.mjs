// Typed lint: floating promises are bugs (a lost write), and machines/ stays pure.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { importX } from 'eslint-plugin-import-x';
import fs from 'node:fs';

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
  // No import cycles anywhere in server/, machines/ or client/ (docs/ARCHITECTURE.md "Dependency
  // direction"): a cycle is where a module's layering has gone wrong.
  {
    files: ['server/**/*.ts', 'machines/**/*.ts', 'client/**/*.ts', 'client/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] }),
      ],
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  // server/: mongoose only in repositories and models (and the db/ plumbing); Express only in
  // routes, http/ and the app's composition, so use cases and policies stay transport-free.
  // A Connection passed along may not be used to reach a collection by name either.
  {
    files: ['server/**/*.ts'],
    ignores: [
      'server/**/*.repository.ts',
      'server/**/*.model.ts',
      'server/db/**',
      'server/ids.ts',
      'server/app-context.ts',
      'server/**/*.test.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='collection']",
          message:
            'Collections are reached through their model in a *.repository.ts or *.model.ts, not by name.',
        },
      ],
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'mongoose',
              message: 'Only *.repository.ts and *.model.ts (and db/) touch mongoose.',
              allowTypeImports: true, // passing a Connection along is not touching the database
            },
          ],
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
    files: ['server/**/use-cases/**/*.ts', 'server/policies/**/*.ts', 'server/case-store/**/*.ts'],
    ignores: ['server/**/*.repository.ts', 'server/**/*.model.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'express', message: 'Use cases and policies do not know HTTP.' },
            {
              name: 'mongoose',
              message: 'Only *.repository.ts and *.model.ts (and db/) touch mongoose.',
            },
          ],
          patterns: [
            {
              group: ['**/machines/*', '!**/machines/index'],
              message: 'Import machines only through machines/index.ts.',
            },
            {
              group: ['**/routes', '**/http/*'],
              message: 'Use cases do not import routes or http/.',
            },
          ],
        },
      ],
    },
  },
  // client/: one-way imports (shared → features → app; no feature imports another).
  {
    files: ['client/**/*.ts', 'client/**/*.tsx'],
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...['components', 'lib', 'i18n'].map((shared) => ({
              target: `./client/src/${shared}`,
              from: ['./client/src/features', './client/src/app'],
              message: 'Shared code (components, lib, i18n) may not import features or the app.',
            })),
            {
              target: './client/src/features',
              from: './client/src/app',
              message: 'Features may not import the app.',
            },
            ...fs.readdirSync(new URL('./client/src/features', import.meta.url)).map((feature) => ({
              target: `./client/src/features/${feature}`,
              from: './client/src/features',
              except: [`./${feature}`],
              message:
                'A feature may not import another feature; move shared code to components/ or lib/.',
            })),
          ],
        },
      ],
    },
  },
);
