import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { fences, libraryIndex } from './eslint.fences.js';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.donthu/**', 'coverage/**', 'apps/console/src/api/schema.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Apps never import apps; libraries never import apps (eslint.fences.js).
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts'],
    plugins: { donthu: { rules: { fences, libraryIndex } } },
    rules: { 'donthu/fences': 'error' },
  },
  {
    // Another library is imported through its index.ts (eslint.fences.js), from apps, libraries and tests.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'libs/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    plugins: { donthuIndex: { rules: { libraryIndex } } },
    rules: { 'donthuIndex/libraryIndex': 'error' },
  },
  {
    // Environment variables are read and validated once, in libs/runtime (config.ts); everything else
    // takes the typed AppConfig.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/runtime/**', '**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'read settings from AppConfig (libs/runtime/src/config.ts)',
        },
      ],
    },
  },
  {
    // The labels (libs/labels) are bundled into the console as they are: they import only types
    // (the codes, from the domain and the roles), which the bundle drops.
    files: ['libs/labels/**/*.ts'],
    ignores: ['libs/labels/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./)',
              allowTypeImports: true,
              message: 'libs/labels imports only itself and types (the console bundles it)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts', 'libs/domain/**/testing/**'],
    rules: {
      // The domain imports nothing outside itself and the standard library (tests may use dev tools).
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(?!\\.|node:(crypto)$)', message: 'libs/domain imports only itself and node:crypto' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'no clock in the domain',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'no clock in the domain',
        },
      ],
    },
  },
);
