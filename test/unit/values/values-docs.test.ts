import { describe, expect, it } from 'vitest';
import { readValuesDocs } from '../../../src-main/values/values-docs';
import { corpusChart } from './charts';

describe('reading what values.yaml says about its keys', () => {
  it('reads Bitnami @section, @param with modifiers, and @skip', () => {
    const docs = readValuesDocs(
      [
        '## @section Image',
        '## @param image.registry [default: REGISTRY_NAME] Image registry',
        '## @skip image.tag',
        '## @param auth.password [string, nullable] Admin password',
        'image:',
        '  registry: docker.io',
        '  tag: "1.0"',
        'auth:',
        '  password: null',
      ].join('\n'),
    );
    expect(docs.sections).toEqual(['Image']);
    expect(docs.byPath.get('image.registry')).toMatchObject({ description: 'Image registry', section: 'Image' });
    expect(docs.byPath.get('image.tag')?.skip).toBe(true);
    expect(docs.byPath.get('auth.password')).toMatchObject({ kind: 'string', nullable: true, description: 'Admin password' });
  });

  it('reads helm-docs "# --" descriptions with their continuation lines and type', () => {
    const docs = readValuesDocs(['# -- (int) How many pods', '# run at once', '# @default -- three', 'replicas: 3', 'other: 1'].join('\n'));
    expect(docs.byPath.get('replicas')).toMatchObject({ description: 'How many pods run at once', kind: 'integer' });
    expect(docs.byPath.get('other')).toBeUndefined();
  });

  it('takes a plain comment block above a key, not commented-out settings nor the file header', () => {
    const docs = readValuesDocs(
      [
        '# Copyright header',
        '',
        '# How the service is exposed',
        'service:',
        '  ## Use an existing role',
        '  # useExistingRole: admin',
        '  create: true',
        '  # Ports to open, e.g.',
        '  # ports:',
        '  #   - 80',
        '  ports: []',
      ].join('\n'),
    );
    expect(docs.byPath.get('service')?.description).toBe('How the service is exposed');
    expect(docs.byPath.get('service.create')?.description).toBeUndefined();
    expect(docs.byPath.get('service.ports')?.description).toBe('Ports to open, e.g.');
  });

  it('reads the real Bitnami nginx and helm-docs grafana charts', () => {
    const nginx = readValuesDocs(corpusChart('nginx-22.1.1.tgz').valuesYaml);
    expect(nginx.sections).toContain('NGINX parameters');
    expect(nginx.byPath.get('image.pullPolicy')).toMatchObject({ description: 'NGINX image pull policy', section: 'NGINX parameters' });
    const grafana = readValuesDocs(corpusChart('grafana-12.11.1.tgz').valuesYaml);
    expect(grafana.byPath.get('global.imageRegistry')?.description).toBe('Overrides the Docker registry globally for all images');
  });
});
