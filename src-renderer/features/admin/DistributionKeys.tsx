import { ActionIcon, Button, Card, CopyButton, Divider, Group, Stack, Switch, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconKey, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { DistributionSettings, SigningKeyInfo } from '../../../shared/types/distribution';
import { call } from '../../api';
import { saveFile } from '../../components/download';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { useConfirm } from '../../components/useConfirm';
import { DistributionError, SectionTitle } from './DistributionShared';

/** Key text (armored or PEM) in the monospace face, small enough for a key's lines to fit. */
const KEY_TEXT = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } };

// A key format marker, not a sentence: the same in every language.
const PEM_PUBLIC_KEY_HEADER = '-----BEGIN PUBLIC KEY-----';

/** Groups a fingerprint in fours, as gpg prints it, so people can compare it by eye. */
export function spacedFingerprint(fp: string): string {
  return fp.replace(/(.{4})(?=.)/g, '$1 ');
}

function SigningKeyCard({ settings, onChange }: { settings: DistributionSettings; onChange(s: DistributionSettings): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BerthError | null>(null);
  const key = settings.signingKey;

  const generate = async () => {
    setBusy(true);
    setError(null);
    const r = await call('provenance.key.generate', { name: name.trim(), ...(email.trim() ? { email: email.trim() } : {}) });
    if (r.ok) {
      const s = await call('distribution.settings', {});
      if (s.ok) onChange(s.value);
    } else setError(r.error);
    setBusy(false);
  };

  const setSign = async (on: boolean) => {
    const r = await call('distribution.signOnPublish', { on });
    if (r.ok) onChange(r.value);
  };

  return (
    <Stack gap="sm">
      <Switch
        checked={settings.signOnPublish}
        onChange={(e) => void setSign(e.currentTarget.checked)}
        label={t('distribution.keys.signOnPublish')}
        description={key ? t('distribution.keys.signOnPublishHint') : t('distribution.keys.signNeedsKey')}
        data-testid="sign-on-publish"
      />
      {key ? (
        <Stack gap={6} data-testid="signing-key">
          <Text fz="sm" fw={550}>
            {key.userIds.join(', ')}
          </Text>
          <Text fz="sm">
            {t('distribution.keys.fingerprint')}{' '}
            <Text span ff="monospace" fz="sm" data-testid="signing-fingerprint">
              {spacedFingerprint(key.fingerprint)}
            </Text>
          </Text>
          <Textarea
            label={t('distribution.keys.publicKey')}
            description={t('distribution.keys.publicKeyHint')}
            value={key.armoredPublicKey}
            readOnly
            autosize
            minRows={3}
            maxRows={6}
            styles={KEY_TEXT}
          />
          <Group gap="xs">
            <CopyButton value={key.armoredPublicKey}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                  {copied ? t('common.copied') : t('distribution.keys.copyPublic')}
                </Button>
              )}
            </CopyButton>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              onClick={() => saveFile(`${key.fingerprint.slice(-16)}.asc`, btoa(key.armoredPublicKey), 'application/pgp-keys')}
            >
              {t('distribution.keys.exportPublic')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Group align="flex-end">
          <TextInput
            label={t('distribution.keys.keyName')}
            placeholder={t('distribution.keys.keyNameExample')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="key-name"
            style={{ flex: 1 }}
          />
          <TextInput
            label={t('distribution.keys.keyEmail')}
            placeholder={t('distribution.keys.keyEmailExample')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="key-email"
            style={{ flex: 1 }}
          />
          <Button
            leftSection={<IconKey size={16} aria-hidden />}
            onClick={() => void generate()}
            loading={busy}
            disabled={!name.trim()}
            data-testid="generate-key"
          >
            {t('distribution.keys.generate')}
          </Button>
        </Group>
      )}
      <DistributionError error={error} />
    </Stack>
  );
}

/** A public key pasted in, and the button that trusts it, enabled once the text looks like a key. */
function PastedKey(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange(v: string): void;
  ready: boolean;
  trust: { label: string; onClick(): void };
  /** The button's test id; the text's is `${testId}-input`. */
  testId?: string;
}) {
  return (
    <>
      <Textarea
        label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={6}
        styles={KEY_TEXT}
        data-testid={props.testId && `${props.testId}-input`}
      />
      <Group justify="flex-end">
        <Button variant="light" onClick={props.trust.onClick} disabled={!props.ready} data-testid={props.testId}>
          {props.trust.label}
        </Button>
      </Group>
    </>
  );
}

/** The last cell of a trusted key's row: the button that stops trusting it. */
function DistrustCell({ tooltip, label, onClick }: { tooltip: string; label: string; onClick(): void }) {
  return (
    <Table.Td ta="right">
      <Tooltip label={tooltip}>
        <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Table.Td>
  );
}

function TrustedKeys({ keys, onChange }: { keys: SigningKeyInfo[]; onChange(): void }) {
  const { t } = useTranslation();
  const { ask, dialog } = useConfirm();
  const [armored, setArmored] = useState('');
  const [error, setError] = useState<BerthError | null>(null);

  const trust = async () => {
    setError(null);
    const r = await call('provenance.trust', { publicKey: armored.trim() });
    if (!r.ok) return setError(r.error);
    setArmored('');
    onChange();
  };

  return (
    <Stack gap="sm">
      <div>
        <Title order={3} fz="md">
          {t('distribution.keys.trustedTitle')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('distribution.keys.trustedDescription')}
        </Text>
      </div>
      {keys.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('distribution.keys.noTrusted')}
        </Text>
      ) : (
        <Table verticalSpacing={6} data-testid="trusted-keys">
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k.fingerprint}>
                <Table.Td fz="sm">{k.userIds.join(', ') || t('distribution.keys.noName')}</Table.Td>
                <Table.Td ff="monospace" fz="xs">
                  {spacedFingerprint(k.fingerprint)}
                </Table.Td>
                <DistrustCell
                  tooltip={t('distribution.keys.distrust')}
                  label={t('distribution.keys.distrustNamed', { name: k.userIds[0] ?? k.fingerprint })}
                  onClick={() =>
                    ask({
                      title: t('distribution.keys.distrustTitle'),
                      body: t('distribution.keys.distrustBody', { name: k.userIds[0] ?? k.fingerprint }),
                      confirm: t('distribution.keys.distrust'),
                      danger: true,
                      onConfirm: () => void call('provenance.distrust', { fingerprint: k.fingerprint }).then(onChange),
                    })
                  }
                />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PastedKey
        label={t('distribution.keys.pasteKey')}
        placeholder={t('distribution.keys.pasteKeyExample')}
        value={armored}
        onChange={setArmored}
        ready={armored.includes('PUBLIC KEY BLOCK')}
        trust={{ label: t('distribution.keys.trust'), onClick: () => void trust() }}
        testId="trust-key"
      />
      <DistributionError error={error} />
      {dialog}
    </Stack>
  );
}

/** This person's cosign key pair (OCI publishes carry cosign signatures) and the cosign public keys they trust. */
function CosignKeys() {
  const { t } = useTranslation();
  const keys = useCatalogQuery('provenance.cosign.keys', {});
  const [pem, setPem] = useState('');
  const [error, setError] = useState<BerthError | null>(null);
  const act = async (run: () => ReturnType<typeof call>) => {
    setError(null);
    const r = await run();
    if (!r.ok) return setError(r.error);
    setPem('');
    keys.reload();
  };
  const own = keys.data?.own;
  return (
    <Stack gap="sm" data-testid="cosign-keys">
      <div>
        <Title order={3} fz="md">
          {t('provenance.cosign.keyTitle')}
        </Title>
        <Text fz="sm" c="dimmed">
          {t('provenance.cosign.keyDescription')}
        </Text>
      </div>
      {own ? (
        <Group align="flex-end" wrap="nowrap">
          <Textarea
            label={t('provenance.cosign.publicKey')}
            value={own.publicKeyPem}
            readOnly
            autosize
            minRows={3}
            maxRows={5}
            style={{ flex: 1 }}
            styles={KEY_TEXT}
          />
          <CopyButton value={own.publicKeyPem}>
            {({ copied, copy }) => (
              <Button size="xs" variant="light" leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy}>
                {copied ? t('common.copied') : t('provenance.cosign.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      ) : (
        <Group>
          <Button
            leftSection={<IconKey size={16} aria-hidden />}
            onClick={() => void act(() => call('provenance.cosign.generate', {}))}
            data-testid="generate-cosign-key"
          >
            {t('provenance.cosign.generate')}
          </Button>
        </Group>
      )}
      <Text fz="sm" fw={550}>
        {t('provenance.cosign.trustedTitle')}
      </Text>
      <Text fz="sm" c="dimmed">
        {t('provenance.cosign.trustedDescription')}
      </Text>
      {(keys.data?.trusted ?? []).length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t('provenance.cosign.noTrusted')}
        </Text>
      ) : (
        <Table verticalSpacing={6}>
          <Table.Tbody>
            {(keys.data?.trusted ?? []).map((k) => (
              <Table.Tr key={k.fingerprint}>
                <Table.Td ff="monospace" fz="xs">
                  {spacedFingerprint(k.fingerprint.slice(0, 32))}…
                </Table.Td>
                <DistrustCell
                  tooltip={t('provenance.cosign.distrust')}
                  label={t('provenance.cosign.distrust')}
                  onClick={() => void act(() => call('provenance.cosign.distrust', { fingerprint: k.fingerprint }))}
                />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <PastedKey
        label={t('provenance.cosign.paste')}
        placeholder={PEM_PUBLIC_KEY_HEADER}
        value={pem}
        onChange={setPem}
        ready={pem.includes('BEGIN PUBLIC KEY')}
        trust={{ label: t('provenance.cosign.trust'), onClick: () => void act(() => call('provenance.cosign.trust', { publicKey: pem.trim() })) }}
      />
      <DistributionError error={error} />
    </Stack>
  );
}

/** Signing packages on publish, this person's signing key, and the publishers' keys they trust. */
export function DistributionKeys({ settings, onChange, reload }: { settings: DistributionSettings; onChange(s: DistributionSettings): void; reload(): void }) {
  const { t } = useTranslation();
  return (
    <Card padding="lg">
      <Stack gap="md">
        <SectionTitle title={t('distribution.keys.title')} description={t('distribution.keys.description')} />
        <SigningKeyCard settings={settings} onChange={onChange} />
        <Divider />
        <TrustedKeys keys={settings.trustedKeys} onChange={reload} />
        <Divider />
        <CosignKeys />
      </Stack>
    </Card>
  );
}
