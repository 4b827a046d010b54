import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readChartArchive } from '../../../src-main/chart/archive';
import { inspectChartPackage } from '../../../src-main/chart/inspect';
import { ARCHIVE_LIMITS } from '../../../src-main/chart/limits';
import { chartTgz, CHART_YAML, tarOf, tgzOf } from './tar-builder';

function refused(bytes: Uint8Array, message: RegExp) {
  expect(() => readChartArchive(bytes)).toThrow(message);
  try {
    readChartArchive(bytes);
  } catch (e) {
    expect((e as { code?: string }).code).toBe('chart.unsafe-archive');
  }
}

describe('chart archive safety', () => {
  it('reads a well-formed archive into chart-relative paths', () => {
    const archive = readChartArchive(chartTgz([{ name: 'demo/templates/', type: '5' }, { name: 'demo/templates/a.yaml', data: 'kind: A\n' }]));
    expect(archive.baseDir).toBe('demo');
    expect(archive.files.map((f) => f.path)).toEqual(['Chart.yaml', 'values.yaml', 'templates/a.yaml']);
  });

  it('refuses path traversal', () => {
    refused(chartTgz([{ name: 'demo/../../x', data: 'x' }]), /climbs out of the chart folder: "demo\/\.\.\/\.\.\/x"/);
    refused(chartTgz([{ name: '../x', data: 'x' }]), /climbs out/);
  });

  it('refuses absolute paths', () => {
    refused(chartTgz([{ name: '/etc/x', data: 'x' }]), /absolute path: "\/etc\/x"/);
    refused(chartTgz([{ name: 'C:/x', data: 'x' }]), /absolute path/);
  });

  it('refuses symbolic and hard links', () => {
    refused(chartTgz([{ name: 'demo/templates/passwd', type: '2', linkName: '/etc/passwd' }]), /holds a link \("demo\/templates\/passwd" → "\/etc\/passwd"\)/);
    refused(chartTgz([{ name: 'demo/values2.yaml', type: '1', linkName: 'demo/values.yaml' }]), /holds a link/);
  });

  it('refuses devices and fifos', () => {
    refused(chartTgz([{ name: 'demo/dev', type: '3' }]), /special entry "demo\/dev" \(tar type '3'\)/);
    refused(chartTgz([{ name: 'demo/fifo', type: '6' }]), /special entry/);
  });

  it('refuses duplicate entries', () => {
    refused(chartTgz([{ name: 'demo/values.yaml', data: 'b: 2\n' }]), /holds "demo\/values.yaml" twice/);
  });

  it('refuses files outside the top folder', () => {
    refused(chartTgz([{ name: 'other/x.yaml', data: 'x' }]), /outside its top folder "demo"/);
    refused(tgzOf([{ name: 'Chart.yaml', data: CHART_YAML }]), /outside any chart folder/);
  });

  it('refuses a gzip bomb expanding to 1 GiB without inflating it all', () => {
    // 1 GiB of zeros compresses to about 1 MiB; build it in streamed chunks to keep the test light.
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const chunks: Buffer[] = [];
    const header = tarOf([{ name: 'demo/Chart.yaml', data: CHART_YAML }]).subarray(0, 1024);
    chunks.push(gzipSync(header));
    const z = gzipSync(zeros, { level: 9 });
    for (let i = 0; i < 16; i++) chunks.push(z); // concatenated gzip members, 16 × 64 MiB = 1 GiB
    const bomb = Buffer.concat(chunks);
    expect(bomb.length).toBeLessThan(ARCHIVE_LIMITS.maxCompressedBytes);
    refused(bomb, /expands to more than 100 MiB; Berth refuses it as a possible gzip bomb/);
  });

  it('refuses too many entries', () => {
    const many = Array.from({ length: ARCHIVE_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `demo/files/f${i}`, data: '' }));
    refused(chartTgz(many), /more than 10000 entries/);
  });

  it('refuses a huge single entry', () => {
    const big = new Uint8Array(ARCHIVE_LIMITS.maxFileBytes + 1);
    refused(chartTgz([{ name: 'demo/files/big.bin', data: big }]), /"demo\/files\/big.bin" of 5242881 bytes, more than the 5 MiB a chart file may have/);
  });

  it('refuses an archive larger than the upload limit', () => {
    expect(() => readChartArchive(new Uint8Array(ARCHIVE_LIMITS.maxCompressedBytes + 1), {})).toThrow(/more than the 32 MiB Berth accepts/);
  });

  it('refuses bytes that are not a gzipped tar', () => {
    refused(new TextEncoder().encode('apiVersion: v2\n'), /not a gzipped chart archive/);
    refused(gzipSync(Buffer.from('not a tar file at all, just text'.repeat(40))), /not a valid tar file|truncated/);
  });

  it('refuses a truncated archive', () => {
    const tar = tarOf([{ name: 'demo/Chart.yaml', data: CHART_YAML.repeat(100) }]);
    refused(gzipSync(tar.subarray(0, 700)), /truncated/);
  });

  it('refuses file names that are not UTF-8', () => {
    refused(chartTgz([{ name: Uint8Array.of(...new TextEncoder().encode('demo/templates/'), 0xff, 0xfe, 0x2e, 0x79) }]), /file name that is not valid UTF-8/);
  });

  it('refuses a Chart.yaml that is not UTF-8', async () => {
    const latin1 = Uint8Array.of(...new TextEncoder().encode('apiVersion: v2\nname: demo\nversion: 0.1.0\ndescription: caf'), 0xe9, 0x0a);
    await expect(inspectChartPackage(tgzOf([{ name: 'demo/Chart.yaml', data: latin1 }]))).rejects.toThrow('Chart.yaml is not valid UTF-8 text.');
  });

  it('refuses a YAML alias bomb ("billion laughs") in Chart.yaml', async () => {
    let yaml = 'apiVersion: v2\nname: demo\nversion: 0.1.0\nannotations:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 10; i++) yaml += `  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    await expect(inspectChartPackage(chartTgz([], yaml).slice())).rejects.toMatchObject({
      code: 'chart.unsafe-archive',
      message: 'Chart.yaml uses YAML aliases excessively (a "billion laughs" document); Berth refuses it.',
    });
  });

  it('vets subchart archives nested in charts/ with the same rules', () => {
    const evil = tgzOf([{ name: 'sub/Chart.yaml', data: CHART_YAML }, { name: 'sub/../../../escape', data: 'x' }]);
    refused(chartTgz([{ name: 'demo/charts/sub-0.1.0.tgz', data: evil }]), /The chart archive › charts\/sub-0\.1\.0\.tgz holds a path that climbs out/);
  });
});
