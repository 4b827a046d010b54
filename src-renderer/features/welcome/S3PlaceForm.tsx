import { Button, Checkbox, Group, PasswordInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/result';
import type { S3CheckResult as S3Check, S3StoreLocation } from '../../../shared/types/distribution';
import { call } from '../../api';
import { failedCheck, S3CheckResult } from '../../components/S3CheckResult';

/** What the person typed; keys are sent to the data dir's secrets, never into the location. */
export interface S3Draft {
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

export const EMPTY_S3_DRAFT: S3Draft = { endpoint: '', region: '', bucket: '', prefix: '', pathStyle: true, accessKeyId: '', secretAccessKey: '' };

export function s3Location(d: S3Draft): S3StoreLocation {
  const out: S3StoreLocation = { kind: 's3', bucket: d.bucket.trim() };
  if (d.endpoint.trim()) out.endpoint = d.endpoint.trim();
  if (d.region.trim()) out.region = d.region.trim();
  if (d.prefix.trim()) out.prefix = d.prefix.trim();
  // path-style only matters with an endpoint; AWS S3 itself wants virtual-hosted addresses
  if (out.endpoint) out.forcePathStyle = d.pathStyle;
  return out;
}

/** Saves newly typed keys (before a check or connect); returns the failure, if any. */
export async function saveS3Keys(d: S3Draft): Promise<BerthError | undefined> {
  if (!d.accessKeyId.trim() || !d.secretAccessKey.trim()) return undefined;
  const r = await call('distribution.s3.credentials', { credentials: { accessKeyId: d.accessKeyId.trim(), secretAccessKey: d.secretAccessKey.trim() } });
  return r.ok ? undefined : r.error;
}


/** Endpoint, region, bucket, prefix, path-style and keys of an S3 place, with a Check button. */
export function S3PlaceForm({ draft, onChange, testId }: { draft: S3Draft; onChange: (d: S3Draft) => void; testId: string }) {
  const { t } = useTranslation();
  const [keysSaved, setKeysSaved] = useState(false);
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<S3Check>();
  const set = (patch: Partial<S3Draft>) => {
    setResult(undefined);
    onChange({ ...draft, ...patch });
  };

  useEffect(() => {
    void call('distribution.settings', {}).then((r) => r.ok && setKeysSaved(r.value.s3CredentialsSaved));
  }, []);

  const check = async () => {
    setChecking(true);
    try {
      const failed = await saveS3Keys(draft);
      if (failed) return setResult(failedCheck(failed));
      if (draft.accessKeyId.trim()) setKeysSaved(true);
      const r = await call('distribution.s3.check', { store: s3Location(draft) });
      setResult(r.ok ? r.value : failedCheck(r.error));
    } finally {
      setChecking(false);
    }
  };

  const mono = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
  return (
    <Stack gap="sm" data-testid={testId}>
      <Text fz="xs" c="dimmed">
        {t('s3Place.intro')}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('s3Place.endpoint')}
          description={t('s3Place.endpointHint')}
          placeholder="http://minio.internal:9000"
          value={draft.endpoint}
          onChange={(e) => set({ endpoint: e.currentTarget.value })}
          styles={mono}
        />
        <TextInput
          label={t('s3Place.region')}
          description={t('s3Place.regionHint')}
          placeholder="us-east-1"
          value={draft.region}
          onChange={(e) => set({ region: e.currentTarget.value })}
          styles={mono}
        />
        <TextInput
          label={t('s3Place.bucket')}
          description={t('s3Place.bucketHint')}
          placeholder="team-catalog"
          value={draft.bucket}
          onChange={(e) => set({ bucket: e.currentTarget.value })}
          required
          styles={mono}
        />
        <TextInput
          label={t('s3Place.prefix')}
          description={t('s3Place.prefixHint')}
          placeholder="acme"
          value={draft.prefix}
          onChange={(e) => set({ prefix: e.currentTarget.value })}
          styles={mono}
        />
      </SimpleGrid>
      <Checkbox
        label={t('s3Place.pathStyle')}
        checked={draft.pathStyle}
        disabled={!draft.endpoint.trim()}
        onChange={(e) => set({ pathStyle: e.currentTarget.checked })}
      />
      <Text fz="sm" fw={500} mt={4}>
        {t('s3Place.keysTitle')}
      </Text>
      <Text fz="xs" c="dimmed" mt={-8}>
        {keysSaved ? t('s3Place.keysSaved') : t('s3Place.keysHint')}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('s3Place.accessKeyId')}
          value={draft.accessKeyId}
          onChange={(e) => set({ accessKeyId: e.currentTarget.value })}
          autoComplete="off"
          styles={mono}
        />
        <PasswordInput
          label={t('s3Place.secretAccessKey')}
          value={draft.secretAccessKey}
          onChange={(e) => set({ secretAccessKey: e.currentTarget.value })}
          autoComplete="off"
        />
      </SimpleGrid>
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlugConnected size={14} aria-hidden />}
          onClick={() => void check()}
          loading={checking}
          disabled={!draft.bucket.trim()}
          data-testid={`${testId}-check`}
        >
          {t('s3Place.check')}
        </Button>
      </Group>
      {result && <S3CheckResult result={result} testId={`${testId}-result`} />}
    </Stack>
  );
}
