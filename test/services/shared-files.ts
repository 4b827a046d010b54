/** The team's shared fixtures and corpus sit beside the repository (`../shared` from its root), in CI too. */
import { resolve } from 'node:path';

export const SHARED = resolve(__dirname, '../../../shared');
export const FIXTURE_CHARTS = `${SHARED}/fixtures/charts`;
export const CORPUS_CHARTS = `${SHARED}/corpus/render/charts`;
