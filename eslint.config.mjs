// Layer boundaries from docs/architecture.md: only src/extension may import 'vscode'; shared imports nothing.
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const noVscode = { group: ['vscode'], message: 'Only src/extension may import vscode.' };
const layer = (name, message) => ({ group: [`**/${name}`, `**/${name}/**`], message });

/** The core's folders from the bottom up. */
const CORE_LAYERS = ['util', 'native', 'metrics', 'rootio', 'search', 'expr', 'protocol', 'dataset', 'data', 'diagnostics', 'store', 'verdicts', 'config', 'model', 'lab', 'execution', 'report', 'runs', 'apply', 'export'];
const coreOutside = [noVscode, layer('extension', 'core must not depend on the extension.'), layer('worker', 'core must not depend on the worker.'), layer('cli', 'core must not depend on the CLI.')];
/** Imports of a sibling core folder higher up: `../runs/x` from src/core/search, `../../runs` from a subfolder. */
const above = (higher, folder) => ({
  regex: `^(\\.\\./)+(${higher.join('|')})(/|$)`,
  message: `core/${folder} sits below ${higher.join(', ')} (docs/architecture.md): move the shared piece down, or the caller up.`,
});

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
  // Each core folder imports only the folders before it here (docs/architecture.md): no folder loops.
  ...CORE_LAYERS.map((folder, rank) => ({
    files: [`src/core/${folder}/**/*.ts`],
    rules: restrict([...coreOutside, above(CORE_LAYERS.slice(rank + 1), folder)]),
  })),
  {
    files: ['src/core/*.ts'],
    rules: restrict(coreOutside),
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
