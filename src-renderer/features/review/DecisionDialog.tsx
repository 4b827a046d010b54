import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import { navigate } from '../../app/router';
import { useAction } from '../../components/useAction';
import { CiteThreads } from '../../components/comments/CiteThreads';

/** Approve (with an optional note) or reject (a reason is required, open comment threads can be cited; the ISV sees both). */
export function DecisionDialog({ kind, version, appName, onClose }: { kind: 'approve' | 'reject'; version: VersionSummary; appName: string; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [text, setText] = useState('');
  const [cited, setCited] = useState<string[]>([]);
  const reject = kind === 'reject';

  const decide = async () => {
    const done = reject
      ? await run(
          'comment.rejectCiting',
          { version: version.id, reason: text.trim(), threads: cited },
          { success: t('review.rejected', { app: appName, version: version.name }) },
        )
      : await run(
          'version.approve',
          { version: version.id, message: text.trim() || undefined },
          { success: t('review.approved', { app: appName, version: version.name }) },
        );
    if (done) {
      onClose();
      navigate('review');
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={reject ? t('review.rejectTitle', { app: appName, version: version.name }) : t('review.approveTitle', { app: appName, version: version.name })}
      centered
      size="lg"
    >
      <Stack gap="md">
        <Text fz="sm">{reject ? t('review.rejectExplain') : t('review.approveExplain')}</Text>
        <Textarea
          label={reject ? t('review.reason') : t('review.note')}
          placeholder={reject ? t('review.reasonPlaceholder') : t('review.notePlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={4}
          maxLength={4000}
          required={reject}
          data-autofocus
          data-testid="decision-text"
        />
        {reject && <CiteThreads versionId={version.id} value={cited} onChange={setCited} />}
        <Group justify="flex-end">
          {reject && !text.trim() && (
            // a disabled button says nothing by itself: say why next to it
            <Text fz="xs" c="dimmed" mr="auto" id="reject-why" data-testid="reject-why">
              {t('review.reasonNeeded')}
            </Text>
          )}
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={reject ? 'red' : 'teal'}
            onClick={() => void decide()}
            loading={busy}
            disabled={reject && !text.trim()}
            aria-describedby={reject && !text.trim() ? 'reject-why' : undefined}
            data-testid="confirm-decision"
          >
            {reject ? t('review.reject') : t('review.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
