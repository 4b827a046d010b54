import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../useAction';
import { CiteThreads } from './CiteThreads';

/** Reject with a reason that cites open review comments; the ISV sees them marked next to their files. */
export function RejectCitingDialog({ versionId, versionName, onClose }: { versionId: string; versionName: string; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [reason, setReason] = useState('');
  const [cited, setCited] = useState<string[]>([]);
  const reject = async () => {
    const r = await run('comment.rejectCiting', { version: versionId, reason, threads: cited }, { success: t('comments.rejected', { version: versionName }) });
    if (r) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('comments.rejectTitle', { version: versionName })} size="lg" centered>
      <Stack gap="sm">
        <Textarea
          label={t('comments.rejectReason')}
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
          data-testid="reject-reason"
        />
        <CiteThreads versionId={versionId} value={cited} onChange={setCited} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={() => void reject()} loading={busy} disabled={!reason.trim()} data-testid="confirm-reject">
            {t('comments.rejectButton')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
