/**
 * Berth's import graph, checked by `npm run lint` (see ARCHITECTURE.md for the layers).
 *
 *   shared  ←  domain (src-main/<domain>/ and the small root modules)  ←  services.ts  ←  handlers/  ←  transports (bridge/, electron/, cli/)
 *   src-renderer  →  shared only (it reaches the main side through src-renderer/api.ts and the contract)
 *
 * An arrow may only point left. Type-only imports count: a type names a dependency as much as
 * a value does. Dynamic imports (`import()`) of lazily loaded pages do not make circles, since
 * nothing runs at load time through them.
 */
const DOMAIN = '^src-main/(catalog|chart|render|review|deploy|sync|publish|values|provenance|bundle|dependency)/';
const ROOT_MODULES = '^src-main/(atomic-file|data-dir|events|file-errors|log|settings|version)\\.ts$';
const SERVICES = '^src-main/services\\.ts$';
const HANDLERS = '^src-main/handlers/';
const TRANSPORTS = '^src-main/(bridge|electron|cli)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: two modules that each need the other to load. Move what both need into a third module below them.',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      comment: 'shared/ is the contract and its types; it runs on both sides and imports nothing of either.',
      from: { path: '^shared/' },
      to: { path: '^(src-main|src-renderer)/' },
    },
    {
      name: 'renderer-imports-only-shared',
      severity: 'error',
      comment: 'The renderer talks to the main side only through src-renderer/api.ts and the shared contract.',
      from: { path: '^src-renderer/' },
      to: { path: '^src-main/' },
    },
    {
      name: 'renderer-widgets-do-not-import-pages',
      severity: 'error',
      comment: 'src-renderer/components/ holds what two or more pages use; a widget that needs a page belongs to that page.',
      from: { path: '^src-renderer/components/' },
      to: { path: '^src-renderer/features/' },
    },
    {
      name: 'renderer-workspaces-stay-apart',
      severity: 'error',
      comment: 'A workspace page does not reach into another one; what both need moves to src-renderer/components/.',
      from: { path: '^src-renderer/features/([^/]+)/' },
      to: { path: '^src-renderer/features/', pathNot: '^src-renderer/features/$1/' },
    },
    {
      name: 'root-modules-are-the-bottom',
      severity: 'error',
      comment: 'log, settings, events, atomic-file, data-dir and version are used by every layer and use none of them.',
      from: { path: ROOT_MODULES },
      to: { path: `${DOMAIN}|${SERVICES}|${HANDLERS}|${TRANSPORTS}` },
    },
    {
      name: 'domain-does-not-import-upward',
      severity: 'error',
      comment: 'A domain module takes what it needs as arguments (ports); it never reaches for the composition root, handlers or a transport.',
      from: { path: DOMAIN },
      to: { path: `${SERVICES}|${HANDLERS}|${TRANSPORTS}` },
    },
    {
      name: 'services-do-not-import-handlers-or-transports',
      severity: 'error',
      from: { path: SERVICES },
      to: { path: `${HANDLERS}|${TRANSPORTS}` },
    },
    {
      name: 'handlers-do-not-import-transports',
      severity: 'error',
      from: { path: HANDLERS },
      to: { path: TRANSPORTS },
    },
    {
      name: 'handlers-reach-domains-through-services',
      severity: 'error',
      comment: 'Handlers map names to calls on Services; building or driving a domain service there brings back the second composition root.',
      from: { path: HANDLERS },
      to: { path: DOMAIN, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-electron-imports-electron',
      severity: 'error',
      from: { pathNot: '^src-main/electron/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src-main/render/engine/third_party/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
