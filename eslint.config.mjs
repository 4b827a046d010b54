import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ELECTRON = { name: 'electron', message: 'Only src-main/electron may import electron.' };
const DOMAINS = ['catalog', 'chart', 'render', 'review', 'deploy', 'sync', 'publish', 'values', 'provenance', 'bundle', 'dependency'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'test-results/**', '**/*.cjs', 'src-main/render/engine/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers (ARCHITECTURE.md; .dependency-cruiser.cjs checks the whole graph in `npm run lint`):
  // shared ← domain (src-main/<domain>/, the root modules) ← services.ts ← handlers/ ← transports (bridge/, electron/, cli/).
  // Flat config replaces a rule per file rather than merging it, so each layer lists all it refuses.
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON] }] },
  },
  {
    files: [`src-main/{${DOMAINS.join(',')}}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            {
              regex: '^(\\.\\./)+(services|handlers|bridge|electron|cli)(/|$)',
              message: 'A domain module takes what it needs as arguments; only services.ts, handlers and transports sit above it.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/*.ts'],
    ignores: ['src-main/services.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            {
              regex: `^\\./(services|handlers|bridge|electron|cli|${DOMAINS.join('|')})(/|$)`,
              message: 'The root modules (log, settings, events, …) are the bottom of src-main and import no layer above them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/services.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            {
              regex: '^\\./(handlers|bridge|electron|cli)(/|$)',
              message: 'The composition root builds services; handlers and transports use it, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON],
          patterns: [
            { regex: '^\\.\\./(bridge|electron|cli)(/|$)', message: 'Handlers are below the transports.' },
            {
              regex: `^\\.\\./(${DOMAINS.join('|')})/`,
              allowTypeImports: true,
              message: 'Handlers call Services (src-main/services.ts); a domain module is built and driven there, not here.',
            },
          ],
        },
      ],
      // no-restricted-imports does not see import(): the same rule for lazily loaded domain modules
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportExpression[source.value=/^\\.\\.\\/(${DOMAINS.join('|')})\\//]`,
          message: 'Handlers call Services (src-main/services.ts); a domain module is built and driven there, not here.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(src-main|src-renderer)(/|$)', message: 'shared/ runs on both sides and imports neither.' }] },
      ],
    },
  },
  {
    // long lines hide changes in review diffs. URLs and regular expressions can't be broken, and a
    // sentence or a YAML/JSON fixture reads (and greps) better on one line than cut into `+` pieces
    files: ['**/*.{ts,tsx,mjs,js}'],
    rules: { 'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true, ignoreStrings: true, ignoreTemplateLiterals: true }] },
  },
  {
    // the renderer's strings are i18n keys, short by nature: there even a long string counts
    files: ['src-renderer/**/*.{ts,tsx}', 'test/component/**/*.{ts,tsx}'],
    rules: { 'max-len': ['error', { code: 160, ignoreUrls: true, ignoreRegExpLiterals: true }] },
  },
  {
    // the renderer reaches the main side only through api.ts
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src-main/**', 'node:*', 'electron'], message: 'The renderer talks to the main side only through src-renderer/api.ts.' }] },
      ],
    },
  },
);
