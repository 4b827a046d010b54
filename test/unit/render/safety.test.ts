import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintChart } from '../../../src-main/chart/lint';
import { renderChart } from '../../../src-main/render/render';
import { chartTgz } from '../chart/tar-builder';
import { testEngine } from '../../services/engine';

const work = mkdtempSync(join(tmpdir(), 'berth-render-safety-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function billionLaughs(): string {
  let yaml = 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < 10; i++)
    yaml += `a${i}: &a${i} [${Array(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return yaml;
}

describe('rendering hostile charts', () => {
  it('refuses a YAML alias bomb in values.yaml', async () => {
    const { tgzOf, CHART_YAML } = await import('../chart/tar-builder');
    const evil = tgzOf([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/values.yaml', data: billionLaughs() },
      { name: 'demo/templates/cm.yaml', data: 'n: {{ len .Values.a9 }}\n' },
    ]);
    await expect(renderChart({ archive: evil }, {}, testEngine())).rejects.toMatchObject({
      code: 'chart.render-failed',
      message: 'cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: document contains excessive aliasing',
    });
  });

  it('refuses a values.yaml that is not UTF-8, as Helm does', async () => {
    const { tgzOf, CHART_YAML } = await import('../chart/tar-builder');
    const latin1 = Uint8Array.of(...new TextEncoder().encode('name: caf'), 0xe9, 0x0a);
    const evil = tgzOf([
      { name: 'demo/Chart.yaml', data: CHART_YAML },
      { name: 'demo/values.yaml', data: latin1 },
    ]);
    await expect(renderChart({ archive: evil }, {}, testEngine())).rejects.toMatchObject({
      code: 'chart.render-failed',
      message: expect.stringContaining('cannot load values.yaml'),
    });
  });

  it('refuses a traversal archive before Helm extracts it, writing nothing outside the target', async () => {
    const escapeTo = join(work, 'escaped.txt');
    const name = `demo/../../../../../../..${escapeTo}`;
    const file = join(work, 'evil.tgz');
    writeFileSync(file, chartTgz([{ name, data: 'pwned' }]));
    await expect(lintChart([file], {}, testEngine())).rejects.toMatchObject({ code: 'chart.unsafe-archive' });
    await expect(renderChart({ path: file }, {}, testEngine())).rejects.toMatchObject({ code: 'chart.unsafe-archive' });
    expect(existsSync(escapeTo)).toBe(false);
    expect(readdirSync(work)).toEqual(['evil.tgz']);
  });

  it('refuses a symlink entry before Helm reads it', async () => {
    const file = join(work, 'link.tgz');
    writeFileSync(file, chartTgz([{ name: 'demo/templates/passwd.yaml', type: '2', linkName: '/etc/passwd' }]));
    await expect(renderChart({ path: file }, {}, testEngine())).rejects.toMatchObject({
      code: 'chart.unsafe-archive',
      message: expect.stringContaining('holds a link'),
    });
    rmSync(file);
  });
});
