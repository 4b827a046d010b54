import { Badge, Button, Card, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { DistributionSettings } from '../../../shared/types/distribution';
import { call } from '../../api';
import { DistributionError, SectionTitle } from './DistributionShared';

/** S3 keys for a bucket catalog when no AWS environment or profile gives them; never shown back. */
export function DistributionS3Keys({ settings, onChange }: { settings: DistributionSettings; onChange(s: DistributionSettings): void }) {
  const { t } = useTranslation();
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const [sessionToken, setSessionToken] = useState('');
  const [error, setError] = useState<BerthError | null>(null);

  const save = async (clear: boolean) => {
    setError(null);
    const credentials = clear
      ? null
      : { accessKeyId: accessKeyId.trim(), secretAccessKey, ...(sessionToken.trim() ? { sessionToken: sessionToken.trim() } : {}) };
    const r = await call('distribution.s3.credentials', { credentials });
    if (!r.ok) return setError(r.error);
    setAccessKeyId('');
    setSecretAccessKey('');
    setSessionToken('');
    onChange(r.value);
  };

  return (
    <Card padding="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <SectionTitle title={t('distribution.s3.title')} description={t('distribution.s3.description')} />
          <Badge variant="light" color={settings.s3CredentialsSaved ? 'teal' : 'gray'} tt="none" data-testid="s3-keys-state">
            {settings.s3CredentialsSaved ? t('distribution.s3.saved') : t('distribution.s3.notSaved')}
          </Badge>
        </Group>
        <Group grow align="flex-start">
          <TextInput label={t('distribution.s3.accessKeyId')} value={accessKeyId} onChange={(e) => setAccessKeyId(e.currentTarget.value)} autoComplete="off" />
          <PasswordInput
            label={t('distribution.s3.secretAccessKey')}
            value={secretAccessKey}
            onChange={(e) => setSecretAccessKey(e.currentTarget.value)}
            autoComplete="new-password"
          />
          <PasswordInput
            label={t('distribution.s3.sessionToken')}
            value={sessionToken}
            onChange={(e) => setSessionToken(e.currentTarget.value)}
            autoComplete="off"
          />
        </Group>
        <DistributionError error={error} />
        <Group justify="flex-end">
          {settings.s3CredentialsSaved && (
            <Button variant="subtle" color="red" onClick={() => void save(true)}>
              {t('distribution.s3.forget')}
            </Button>
          )}
          <Button variant="light" onClick={() => void save(false)} disabled={!accessKeyId.trim() || !secretAccessKey}>
            {settings.s3CredentialsSaved ? t('distribution.s3.replace') : t('distribution.s3.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
