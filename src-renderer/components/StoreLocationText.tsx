import { Button, Group, Stack, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreLocation } from '../../shared/types/catalog';
import type { S3CheckResult as S3Check, S3StoreLocation } from '../../shared/types/distribution';
import { call } from '../api';
import { failedCheck, S3CheckResult } from './S3CheckResult';

/** Where the catalog is shared, in words: the folder or file path, or the bucket, prefix and endpoint. */
export function StoreLocationText({ store }: { store: StoreLocation }) {
  const { t } = useTranslation();
  if (store.kind !== 's3') {
    return (
      <Text ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }}>
        {t(`welcome.kinds.${store.kind}`)}: {store.path}
      </Text>
    );
  }
  const parts = [
    t('s3Place.where', { bucket: store.bucket }),
    store.prefix ? t('s3Place.wherePrefix', { prefix: store.prefix }) : '',
    store.endpoint ?? t('s3Place.whereAws'),
  ];
  return (
    <Text ff="monospace" fz="sm" style={{ wordBreak: 'break-all' }} data-testid="store-location">
      {parts.filter(Boolean).join(' · ')}
    </Text>
  );
}

/** Checks the connected bucket again: answers, keys accepted, the catalog there. */
export function S3StoreCheck({ store }: { store: S3StoreLocation }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<S3Check>();
  const check = async () => {
    setBusy(true);
    const r = await call('distribution.s3.check', { store });
    setResult(r.ok ? r.value : failedCheck(r.error));
    setBusy(false);
  };
  return (
    <Stack gap={6} mt={6}>
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlugConnected size={14} aria-hidden />}
          loading={busy}
          onClick={() => void check()}
          data-testid="s3-store-check"
        >
          {t('s3Place.check')}
        </Button>
      </Group>
      {result && <S3CheckResult result={result} testId="s3-store-check-result" />}
    </Stack>
  );
}
