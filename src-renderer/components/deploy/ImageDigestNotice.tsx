import { Alert, Checkbox, Code, List, Stack, Text } from '@mantine/core';
import { IconFingerprint } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageLockReport } from '../../../shared/types/image-digests';
import { call } from '../../api';

const short = (digest: string | undefined) => (digest ? digest.replace(/^sha256:/, '').slice(0, 12) : '');

export interface ImageDigestNoticeProps {
  version: string;
  /** Told the pins to deploy (image → approved digest), or undefined to deploy the tags as they are. */
  onPins(pins: Record<string, string> | undefined): void;
}

/**
 * Before a store deploy: the digests the reviewer's approval locked, against what each tag points
 * to now. When a tag has moved, says so and offers (checked) to deploy the approved digests.
 */
export function ImageDigestNotice({ version, onPins }: ImageDigestNoticeProps) {
  const { t } = useTranslation();
  const [report, setReport] = useState<ImageLockReport>();
  const [failure, setFailure] = useState<string>();
  const [pin, setPin] = useState(true);

  useEffect(() => {
    let stale = false;
    setReport(undefined);
    setFailure(undefined);
    void call('version.imageCheck', { version }).then((r) => {
      if (stale) return;
      if (r.ok) setReport(r.value);
      else setFailure(r.error.message);
    });
    return () => {
      stale = true;
    };
  }, [version]);

  const moved = report?.images.filter((i) => i.status === 'moved') ?? [];
  const unchecked = report?.images.filter((i) => i.status === 'unchecked') ?? [];
  const notLocked = report?.images.filter((i) => i.status === 'not-locked') ?? [];

  useEffect(() => {
    onPins(report && moved.length > 0 && pin ? report.pins : undefined);
    // the pins follow the report and the choice only
  }, [report, pin]);

  if (failure) return <Text fz="sm" c="dimmed">{t('deploy.digests.failed', { reason: failure })}</Text>;
  if (!report) return <Text fz="sm" c="dimmed">{t('deploy.digests.checking')}</Text>;
  if (!report.locked) return <Text fz="sm" c="dimmed" data-testid="digests-none">{t('deploy.digests.none')}</Text>;

  return (
    <Stack gap="xs" data-testid="image-digests">
      {moved.length > 0 ? (
        <Alert color="yellow" icon={<IconFingerprint size={18} />} title={t('deploy.digests.movedTitle', { count: moved.length })}>
          <Stack gap="xs">
            <Text fz="sm">{t('deploy.digests.movedBody', { by: report.approvedBy ?? '', at: report.approvedAt?.slice(0, 10) ?? '' })}</Text>
            <List size="sm" spacing={4}>
              {moved.map((i) => (
                <List.Item key={i.image}>
                  <Code>{i.image}</Code> {t('deploy.digests.movedLine', { approved: short(i.approvedDigest), now: short(i.currentDigest) })}
                </List.Item>
              ))}
            </List>
            <Checkbox
              checked={pin}
              onChange={(e) => setPin(e.currentTarget.checked)}
              label={t('deploy.digests.pin')}
              description={t('deploy.digests.pinHint')}
            />
          </Stack>
        </Alert>
      ) : (
        <Text fz="sm" c="teal" data-testid="digests-same">
          {t('deploy.digests.same', { count: report.images.length - notLocked.length - unchecked.length })}
        </Text>
      )}
      {unchecked.length > 0 && <Text fz="sm" c="dimmed">{t('deploy.digests.unchecked', { list: unchecked.map((i) => i.image).join(', ') })}</Text>}
      {notLocked.length > 0 && <Text fz="sm" c="dimmed">{t('deploy.digests.notLocked', { list: notLocked.map((i) => i.image).join(', ') })}</Text>}
    </Stack>
  );
}
