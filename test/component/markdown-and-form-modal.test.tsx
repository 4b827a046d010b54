import { fireEvent, screen } from '@testing-library/react';
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FormModal } from '../../src-renderer/components/FormModal';
import { Markdown } from '../../src-renderer/components/Markdown';
import { renderWidget } from './render';

describe('markdown from a chart', () => {
  it('keeps the text and drops scripts, event handlers, styles and forms', async () => {
    const source = [
      '# EMQ X',
      '',
      'An MQTT broker. <script>window.pwned = true</script>',
      '',
      '<img src=x onerror="window.pwned = true">',
      '',
      '<form><input name="q"></form>',
      '<p style="color:red">styled</p>',
    ].join('\n');
    await renderWidget(<Markdown source={source} />);
    // the element the sanitized HTML was written into
    const html = screen.getByRole('heading', { name: 'EMQ X' }).parentElement!;
    expect(html.querySelector('script, form, input, [onerror], [style]')).toBeNull();
    expect(html.textContent).toContain('An MQTT broker.');
    expect(html.textContent).toContain('styled');
    expect((window as { pwned?: boolean }).pwned).toBeUndefined();
  });

  it('does not load remote images, shows what they were and says how many were held back', async () => {
    const { container } = await renderWidget(<Markdown source={'![dashboard](https://example.com/dash.png) and ![](http://tracker.example/p.gif)'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelectorAll('.berth-blocked-image')).toHaveLength(2);
    expect(screen.getByText('dashboard')).toBeTruthy();
    expect(screen.getByText(/2 images from the internet were not loaded/)).toBeTruthy();
  });

  it('opens web links outside Berth without handing over the opener', async () => {
    await renderWidget(<Markdown source="See [the docs](https://www.emqx.io/docs)." />);
    const link = screen.getByRole('link', { name: 'the docs' });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('does not follow a relative link out of Berth (in browser mode that lost the token)', async () => {
    const { container } = await renderWidget(<Markdown source="Read [the guide](docs/guide.md), [usage](#usage) or [mail us](mailto:a@example.com)." />);
    const anchors = [...container.querySelectorAll('a')];
    const guide = anchors.find((a) => a.textContent === 'the guide')!;
    expect(guide.hasAttribute('href')).toBe(false);
    expect(guide.getAttribute('title')).toBe('docs/guide.md');
    expect(anchors.find((a) => a.textContent === 'usage')!.hasAttribute('href')).toBe(false);
    expect(anchors.find((a) => a.textContent === 'mail us')!.getAttribute('href')).toBe('mailto:a@example.com');
    const before = window.location.href;
    guide.click();
    expect(window.location.href).toBe(before);
  });

  it('says that nothing was written rather than showing an empty box', async () => {
    await renderWidget(<Markdown source={'  \n'} empty="No README yet." />);
    expect(screen.getByText('No README yet.')).toBeTruthy();
  });
});

function RenameForm({ onSubmit, onClose, busy = false }: { onSubmit(name: string): void; onClose(): void; busy?: boolean }) {
  const [name, setName] = useState('');
  return (
    <FormModal
      title="Rename category"
      onClose={onClose}
      submit={{ label: 'Save', onSubmit: () => onSubmit(name), busy, disabled: !name.trim(), testId: 'save' }}
    >
      <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
    </FormModal>
  );
}

describe('the form modal', () => {
  it('sends the form with Enter once it is complete, and not before', async () => {
    const onSubmit = vi.fn();
    await renderWidget(<RenameForm onSubmit={onSubmit} onClose={() => undefined} />);
    const field = await screen.findByLabelText('Name');
    fireEvent.submit(field.closest('form')!);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByTestId('save').hasAttribute('disabled')).toBe(true);
    fireEvent.change(field, { target: { value: 'Databases' } });
    fireEvent.submit(field.closest('form')!);
    expect(onSubmit).toHaveBeenCalledWith('Databases');
  });

  it('does not send twice while the call runs', async () => {
    const onSubmit = vi.fn();
    await renderWidget(<RenameForm onSubmit={onSubmit} onClose={() => undefined} busy />);
    const field = await screen.findByLabelText('Name');
    fireEvent.change(field, { target: { value: 'Databases' } });
    fireEvent.submit(field.closest('form')!);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('closes with Cancel, in the person’s language', async () => {
    const onClose = vi.fn();
    await renderWidget(<RenameForm onSubmit={() => undefined} onClose={onClose} />, 'zh-CN');
    fireEvent.click(await screen.findByRole('button', { name: '取消' }));
    expect(onClose).toHaveBeenCalled();
  });
});
