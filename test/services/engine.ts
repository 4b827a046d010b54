/**
 * Helm's engine for tests: one real HelmEngine (native engine processes) per test file, closed
 * when the file's tests end. Production code gets its engine from Services.
 */
import { afterAll } from 'vitest';
import { HelmEngine } from '../../src-main/render/engine';

let engine: HelmEngine | undefined;

export function testEngine(): HelmEngine {
  if (!engine) {
    engine = new HelmEngine();
    const made = engine;
    afterAll(() => made.close());
  }
  return engine;
}
