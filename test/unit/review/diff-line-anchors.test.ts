/**
 * A comment on a line of a compared file's diff points at a line of one of the two versions:
 * every numbered line of the unified diff is that line of that version's real file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, readChartArchive } from '../../../src-main/chart/archive';
import { compareFile } from '../../../src-main/review/compare-files';
import { numberUnifiedDiff } from '../../../src-renderer/components/compare/diff-lines';
import { FIXTURES } from '../catalog/people';

function fileOf(chart: string, path: string): string {
  const archive = readChartArchive(readFileSync(join(FIXTURES, chart)));
  return decodeText(archive.files.find((f) => f.path === path)!);
}

describe('line numbers of a unified diff between emqx v1.0.0-rc.1 and v4.0.2', () => {
  for (const path of ['values.yaml', 'templates/StatefulSet.yaml', 'Chart.yaml']) {
    it(`numbers every line of ${path} as the line of the side it belongs to`, () => {
      const before = fileOf('emqx-v1.0.0-rc.1.tgz', path);
      const after = fileOf('emqx-v4.0.2.tgz', path);
      const lines = numberUnifiedDiff(compareFile(path, before, after).diff!);
      const sides = { old: before.split('\n'), new: after.split('\n') };
      const numbered = lines.filter((l) => l.at);
      expect(numbered.length).toBeGreaterThan(0);
      expect(numbered.some((l) => l.at!.side === 'old')).toBe(true);
      for (const l of numbered) expect(sides[l.at!.side][l.at!.line - 1]).toBe(l.text.slice(1));
      expect(lines.filter((l) => !l.at).every((l) => l.text.startsWith('@@') || l.text.startsWith('\\'))).toBe(true);
    });
  }
});
