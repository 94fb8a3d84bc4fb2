import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-artifacts/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never use innerHTML: build DOM nodes.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      sourceType: 'module',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', AbortController: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', Buffer: 'readonly', fetch: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The floors of the code, checked: shared (types, protocol, formatting, pure models) is the ground floor;
  // core (the engine) stands on it; the extension, the CLI and the demo on core; the webview on shared only.
  {
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['src/extension/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/extension talks to VS Code.' }] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only src/extension talks to VS Code.' }],
          patterns: [{ group: ['**/core/**', '**/extension/**', '**/cli/**', '**/webview/**', 'node:*'], allowTypeImports: true, message: 'src/shared is pure: it may name the engine\'s types, never run its code.' }],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'Only src/extension talks to VS Code.' }],
          patterns: [{ group: ['**/extension/**', '**/webview/**', '**/cli/**', '**/demo/**'], message: 'The engine stands alone: the extension, CLI and demo use it, not the other way round.' }],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview talks to the host by messages only.' }],
          patterns: [{ group: ['**/src/core/**', '**/src/extension/**', '**/src/cli/**', '**/src/demo/**', 'node:*'], message: 'The webview renders what the host sends: it imports only src/shared.' }],
        },
      ],
    },
  },
);
