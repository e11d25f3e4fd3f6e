// ESLint flat config. The import rules below keep the layers of DESIGN.md apart:
// src/lessons and src/lm are pure maths and game rules, so they may not import the
// engine, the model runtime, storage or i18n; only src/model imports onnxruntime-web
// and only src/storage imports idb.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const engineAndIo = ['phaser', 'onnxruntime-web', 'onnxruntime-web/*', 'idb', 'i18next', 'workbox-window'];

const noImport = (names, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.filter((n) => !n.includes('*')).map((name) => ({ name, message })),
      patterns: [
        { group: names.filter((n) => n.includes('*')), message },
        // Relative imports may reach src/lessons and src/lm only (e.g. '../lm/tokenizer'),
        // never '../i18n', '../storage' or '../../scenes'.
        { regex: '^\\.\\./(?!lessons/|lm/)', message },
        { regex: '^\\.\\./\\.\\./', message },
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-next',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench-results',
      'data',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  prettier,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    files: ['src/**', 'scenes/**'],
    ignores: ['src/model/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['onnxruntime-web', 'idb'].map((name) => ({
            name,
            message: 'Only src/model imports onnxruntime-web and only src/storage imports idb.',
          })),
          patterns: [{ group: ['onnxruntime-web/*'], message: 'Only src/model imports onnxruntime-web.' }],
        },
      ],
    },
  },
  {
    files: ['src/storage/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['phaser', 'onnxruntime-web', 'i18next'].map((name) => ({
            name,
            message: 'src/storage holds the schema and nothing of the game.',
          })),
        },
      ],
    },
  },
  {
    files: ['src/lessons/**', 'src/lm/**'],
    rules: noImport(
      engineAndIo,
      'src/lessons and src/lm are pure: no engine, model runtime, storage or i18n imports (see DESIGN.md).',
    ),
  },
  {
    files: ['scripts/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
);
