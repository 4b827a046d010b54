import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CatalogFileCard } from '../../src-renderer/features/admin/CatalogPanel';
import { renderWidget } from './render';

describe('the export and import cards of the catalog panel', () => {
  it('asks for a file first, then runs its action on the path as typed, without the spaces around it', async () => {
    const ran: string[] = [];
    await renderWidget(
      <CatalogFileCard
        title="Export for offline review"
        text="Writes every event and blob to one file."
        icon={null}
        action="Export"
        busy={false}
        onRun={async (path) => void ran.push(path)}
      />,
    );
    const button = screen.getByRole('button', { name: 'Export' });
    expect(button.hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByRole('textbox'), { target: { value: '  /media/usb/catalog.berth ' } });
    expect(button.hasAttribute('disabled')).toBe(false);
    fireEvent.click(button);
    expect(ran).toEqual(['/media/usb/catalog.berth']);
    expect(screen.getByText('Writes every event and blob to one file.')).toBeTruthy();
  });
});
