import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FormField } from '../../shared/types/values';
import { FieldInput } from '../../src-renderer/components/values-form/FieldInput';
import { renderWidget } from './render';

const field = (over: Partial<FormField>): FormField => ({
  key: 'nameOverride',
  path: ['nameOverride'],
  kind: 'string',
  nullable: false,
  origin: 'both',
  required: false,
  secret: false,
  ...over,
});

describe('a value the schema marks deprecated, in the values form', () => {
  it('is struck through, badged and keeps its reason (the schema description) under it, in both languages', async () => {
    const deprecated = field({ deprecated: true, description: 'Deprecated: set fullnameOverride instead.' });
    const view = await renderWidget(<FieldInput field={deprecated} value="web" overridden={false} onChange={() => undefined} />);
    const name = screen.getByText('nameOverride');
    expect(name.getAttribute('data-deprecated')).toBe('true');
    expect(getComputedStyle(name).textDecoration).toContain('line-through');
    expect(screen.getByTestId('deprecated-badge').textContent).toBe('deprecated');
    screen.getByText('Deprecated: set fullnameOverride instead.');
    view.unmount();
    await renderWidget(<FieldInput field={deprecated} value="web" overridden={false} onChange={() => undefined} />, 'zh-CN');
    expect(screen.getByTestId('deprecated-badge').textContent).toBe('已弃用');
  });

  it('leaves other fields as they were', async () => {
    const plain = field({ key: 'fullnameOverride', path: ['fullnameOverride'] });
    await renderWidget(<FieldInput field={plain} value="" overridden={false} onChange={() => undefined} />);
    expect(screen.getByText('fullnameOverride').getAttribute('data-deprecated')).toBeNull();
    expect(screen.queryByTestId('deprecated-badge')).toBeNull();
  });
});
