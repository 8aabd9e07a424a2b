// ESLint flat config. Import zones keep the dependency direction core <- shared <- {main, preload, renderer}.
import tseslint from 'typescript-eslint';
// Formatting is prettier's (`npm run format`, checked by `npm run lint`): this turns off every ESLint rule that would fight it.
import eslintConfigPrettier from 'eslint-config-prettier/flat';

const zone = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] },
});

/** Imports that reach inside the reader: ProseMirror itself, or any reader file but its interface. */
const READER_INSIDE = ['prosemirror-*', '**/reader/*', '!**/reader/index.js'];
const READER_MESSAGE = "Only reader/ uses ProseMirror and its own files; import the reader's interface, reader/index.js.";

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'coverage/**', 'bin/**', 'scripts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  zone(
    ['src/core/**/*.ts'],
    ['**/shared/**', '**/main/**', '**/renderer/**', '**/preload/**', 'node:*', 'fs', 'path', 'electron', 'react', 'react-dom', 'zustand', 'prosemirror-view', 'lowdb'],
    'src/core is pure: it imports only core modules and pure libraries.',
  ),
  zone(['src/shared/**/*.ts'], ['**/main/**', '**/renderer/**', '**/preload/**', 'electron', 'node:*'], 'src/shared depends on core only.'),
  zone(['src/renderer/**/*.{ts,tsx}'], ['**/main/**', '**/preload/**', 'electron', 'node:*'], 'The renderer talks to the backend only through the API client.'),
  zone(['src/main/**/*.ts'], ['**/renderer/**'], 'Main never imports renderer code.'),
  // Feature stores are per project: they are made with createProjectStore so that closing a project resets them all.
  {
    files: ['src/renderer/src/features/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zustand', message: 'Make feature stores with createProjectStore (state/project-scope.ts), which resets them when the project closes.' }],
          patterns: [
            { group: ['**/main/**', '**/preload/**', 'electron', 'node:*'], message: 'The renderer talks to the backend only through the API client.' },
            { group: READER_INSIDE, message: READER_MESSAGE },
          ],
        },
      ],
    },
  },
  // The reader owns ProseMirror and its own files: the rest of the renderer uses its interface (reader/index.ts).
  {
    files: ['src/renderer/src/{app,state,components,lib}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/main/**', '**/preload/**', 'electron', 'node:*'], message: 'The renderer talks to the backend only through the API client.' },
            { group: READER_INSIDE, message: READER_MESSAGE },
          ],
        },
      ],
    },
  },
  eslintConfigPrettier,
);
