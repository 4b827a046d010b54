import { fireEvent, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ValuesEditor } from '../../src-renderer/components/values-form/ValuesEditor';
import type { ValuesValidation } from '../../shared/types/values';
import { connectMainSide, renderWidget } from './render';

const EMQX = readFileSync(join(__dirname, '../../../shared/fixtures/charts/emqx-v4.0.2.tgz')).toString('base64');

/** The editor as the deploy wizard holds it: the overrides text lives outside, and every edit comes back in. */
function Harness({ initial = '', seen }: { initial?: string; seen?: ValuesValidation[] }) {
  const [yaml, setYaml] = useState(initial);
  return <ValuesEditor chart={{ packageBase64: EMQX }} value={yaml} onChange={setYaml} onValidation={(v) => seen?.push(v)} height={300} />;
}

const yamlBox = () => screen.getByTestId('values-yaml') as HTMLTextAreaElement;

describe('the values form', () => {
  it('builds the form from emqx’s values.yaml with the main side’s own model', async () => {
    connectMainSide();
    const { container } = await renderWidget(<Harness />);
    await screen.findByTestId('values-editor');
    expect(screen.getByText('Form inferred from values.yaml')).toBeTruthy();
    const replicas = container.querySelector<HTMLInputElement>('input[data-path="replicaCount"]');
    expect(replicas?.value).toBe('3');
    expect(container.querySelector('[data-path="image.repository"]')).toBeTruthy();
  });

  it('writes a changed field into the YAML as an override, and only that', async () => {
    connectMainSide();
    const { container } = await renderWidget(<Harness />);
    await screen.findByTestId('values-editor');
    const replicas = container.querySelector<HTMLInputElement>('input[data-path="replicaCount"]')!;
    fireEvent.change(replicas, { target: { value: '5' } });
    await waitFor(() => expect(yamlBox().value.trim()).toBe('replicaCount: 5'));
  });

  it('follows YAML typed beside it, and has the main side check it', async () => {
    connectMainSide();
    const seen: ValuesValidation[] = [];
    const { container } = await renderWidget(<Harness seen={seen} />);
    await screen.findByTestId('values-editor');
    fireEvent.change(yamlBox(), { target: { value: 'replicaCount: 2\n' } });
    await waitFor(() => expect(container.querySelector<HTMLInputElement>('input[data-path="replicaCount"]')?.value).toBe('2'));
    await waitFor(() => expect(seen.length).toBeGreaterThan(0));
    expect(await screen.findByTestId('values-valid')).toBeTruthy();
  });

  it('says on which line the YAML breaks, in a sentence', async () => {
    connectMainSide();
    await renderWidget(<Harness />);
    await screen.findByTestId('values-editor');
    fireEvent.change(yamlBox(), { target: { value: 'image:\n  tag: [v4\n' } });
    expect(await screen.findByText(/^Line \d+: /)).toBeTruthy();
  });
});
