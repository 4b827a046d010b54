/**
 * The keys card of the Distribution page: the OpenPGP and the cosign paste boxes each enable
 * their trust button once the text looks like a key of their kind, and a pasted cosign key is
 * trusted, then distrusted from its row, through the real main side. (OpenPGP keys are not trusted here: openpgp.js refuses
 * jsdom's Uint8Array; test/unit/provenance covers trusting them.)
 */
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { generateKeyPairSync } from 'node:crypto';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { DistributionSettings } from '../../shared/types/distribution';
import { call } from '../../src-renderer/api';
import { DistributionKeys } from '../../src-renderer/features/admin/DistributionKeys';
import { connectMainSide, renderWidget } from './render';

/** The card as the page holds it: the settings it shows, read again when it says they changed. */
function KeysCard({ first }: { first: DistributionSettings }) {
  const [settings, setSettings] = useState(first);
  const reload = () => void call('distribution.settings', {}).then((r) => r.ok && setSettings(r.value));
  return <DistributionKeys settings={settings} onChange={setSettings} reload={reload} />;
}

describe('the Distribution keys card', () => {
  it('enables each trust button for its kind of key, trusts a pasted cosign key and stops trusting it from its row', async () => {
    const services = connectMainSide();
    const first = await (await services.distribution()).view();
    await renderWidget(<KeysCard first={first} />);

    const gpgText = screen.getByTestId('trust-key-input');
    const gpgTrust = screen.getByTestId('trust-key');
    expect(gpgTrust).toHaveProperty('disabled', true);
    fireEvent.change(gpgText, { target: { value: '-----BEGIN PGP PUBLIC KEY BLOCK-----\n…' } });
    expect(gpgTrust).toHaveProperty('disabled', false);
    fireEvent.change(gpgText, { target: { value: '-----BEGIN PUBLIC KEY-----\n…' } });
    expect(gpgTrust).toHaveProperty('disabled', true);

    const cosign = within(screen.getByTestId('cosign-keys'));
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const cosignText = cosign.getByRole('textbox', { name: 'Paste a cosign.pub' });
    const cosignTrust = cosign.getByRole('button', { name: 'Trust this cosign key' });
    expect(cosignTrust).toHaveProperty('disabled', true);
    fireEvent.change(cosignText, { target: { value: pem } });
    expect(cosignTrust).toHaveProperty('disabled', false);
    fireEvent.click(cosignTrust);
    await waitFor(async () => expect((await (await services.distribution()).cosignKeys()).trusted).toHaveLength(1));
    await waitFor(() => expect(cosign.queryAllByRole('button', { name: /Stop trusting/ })).toHaveLength(1));
    // and distrusted again from its row
    fireEvent.click(cosign.getByRole('button', { name: /Stop trusting/ }));
    await waitFor(async () => expect((await (await services.distribution()).cosignKeys()).trusted).toHaveLength(0));
  });
});
