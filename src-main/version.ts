// Replaced at bundle time by esbuild's define; falls back for tests run from source.
declare const __BERTH_VERSION__: string | undefined;
export const BERTH_VERSION: string = typeof __BERTH_VERSION__ === 'string' ? __BERTH_VERSION__ : '0.1.0-dev';
