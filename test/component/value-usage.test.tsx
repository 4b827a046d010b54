import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { CarryValues } from '../../src-renderer/components/values-form/CarryValues';
import { ValuesEditor } from '../../src-renderer/components/values-form/ValuesEditor';
import { chartDir, WEB_CHART } from '../unit/values/usage-charts';
import { connectMainSide, renderWidget } from './render';

const web = { path: chartDir(WEB_CHART) };
/** The engine answers within tens of milliseconds, but the shared test machine may be slow. */
const SLOW = { timeout: 15_000 };

function Harness({ initial = '' }: { initial?: string }) {
  const [yaml, setYaml] = useState(initial);
  return <ValuesEditor chart={web} value={yaml} onChange={setYaml} height={300} />;
}

const yamlBox = () => screen.getByTestId('values-yaml') as HTMLTextAreaElement;
const items = (testId: string) => [...screen.getByTestId(testId).querySelectorAll('li')].map((li) => li.textContent);

describe('values no template reads, in the values form as one types', () => {
  it('says "read by no template; did you mean" for a near miss and "cannot be judged" for a key read through index', async () => {
    connectMainSide();
    const { container } = await renderWidget(<Harness />);
    await screen.findByTestId('values-editor', {}, SLOW);
    fireEvent.change(yamlBox(), { target: { value: 'replicaCont: 2\nextra:\n  mode: b\n' } });
    await waitFor(() =>
      expect(items('values-usage')).toEqual([
        'extra.mode: cannot be judged; templates/deployment.yaml reads extra dynamically (index)',
        'replicaCont: read by no template; did you mean replicaCount?',
      ]),
      SLOW,
    );
    // next to the field the form has for extra.mode
    const note = container.querySelector('[data-testid="value-usage-note"]');
    expect(note?.textContent).toBe('Cannot be judged: templates/deployment.yaml reads it dynamically (index)');
    expect(note?.getAttribute('data-status')).toBe('not-judged');
  });

  it('says nothing for keys the templates read, and drops a warning once the key is fixed', async () => {
    connectMainSide();
    await renderWidget(<Harness initial={'replicaCont: 2\n'} />);
    await screen.findByTestId('values-usage', {}, SLOW);
    fireEvent.change(yamlBox(), { target: { value: 'replicaCount: 2\nimage:\n  tag: "1.28"\n' } });
    await waitFor(() => expect(screen.queryByTestId('values-usage')).toBeNull(), SLOW);
  });

  it('says it in Chinese too', async () => {
    connectMainSide();
    await renderWidget(<Harness initial={'replicaCont: 2\n'} />, 'zh-CN');
    await waitFor(() => expect(items('values-usage')).toEqual(['replicaCont：没有任何模板读取；您是不是想写 replicaCount？']), SLOW);
  });
});

describe('the upgrade merge warns on overrides the new version does not read or deprecates', () => {
  it('names the unused override and the deprecated one with its reason', async () => {
    connectMainSide();
    const v2 = {
      path: chartDir({
        ...WEB_CHART,
        'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 2.0.0\n',
        'values.schema.json': JSON.stringify({ properties: { nameOverride: { type: 'string', description: 'Deprecated: set fullnameOverride instead.' } } }),
        'templates/deployment.yaml': WEB_CHART['templates/deployment.yaml'].replace('# port {{ $.Values.service.port }}', '# no port'),
      }),
    };
    const values = { service: { port: 8080 }, nameOverride: 'w', replicaCont: 2 };
    await renderWidget(<CarryValues from={web} to={v2} values={values} onSettled={() => undefined} />);
    await waitFor(() =>
      expect(items('carry-usage')).toEqual(['service.port: read by no template', 'nameOverride is deprecated: set fullnameOverride instead.']),
      SLOW,
    );
    // a key with a conflict of its own has the note on its card, not in the box
    const card = screen.getByTestId('conflict-usage');
    expect(card.textContent).toBe('New version — Read by no template; did you mean replicaCount?');
    expect(card.closest('[data-conflict]')?.getAttribute('data-conflict')).toBe('removed:replicaCont');
    screen.getByText('Checked against the new version’s templates and schema');
  });
});
