// Layer boundaries from ARCHITECTURE.md: only src/extension may import 'vscode'; shared imports nothing.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noVscode = { group: ['vscode'], message: 'Only src/extension may import vscode.' };
const layer = (name, message) => ({ group: [`**/${name}`, `**/${name}/**`], message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'scratch/**', 'out/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // push(...x), Math.max(...x) and the like put every element on the stack: with a million
      // events that is "Maximum call stack size exceeded". Loop, reduce or use a typed array.
      'no-restricted-syntax': [
        'error',
        { selector: 'CallExpression > SpreadElement', message: 'No spread arguments in calls (an array of events overflows the stack): loop, reduce, or pass the array.' },
        { selector: 'NewExpression > SpreadElement', message: 'No spread arguments in calls (an array of events overflows the stack): loop, reduce, or pass the array.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([noVscode, layer('core', 'shared holds types only.'), layer('extension', 'shared holds types only.'), layer('worker', 'shared holds types only.'), layer('cli', 'shared holds types only.')]),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict([noVscode, layer('extension', 'core must not depend on the extension.'), layer('worker', 'core must not depend on the worker.'), layer('cli', 'core must not depend on the CLI.')]),
  },
  {
    files: ['src/worker/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict([noVscode, layer('extension', 'only the extension imports the extension.')]),
  },
  {
    files: ['webview/**/*.ts'],
    rules: restrict([noVscode, layer('core', 'webviews get specs over messages; they import shared only.'), layer('extension', 'webviews import shared only.')]),
  },
);
