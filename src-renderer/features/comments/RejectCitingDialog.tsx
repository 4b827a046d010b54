import { Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';

/** Reject with a reason that cites open review comments; the ISV sees them marked next to their files. */
export function RejectCitingDialog({ versionId, versionName, onClose }: { versionId: string; versionName: string; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const threads = useCatalogQuery('comment.list', { version: versionId });
  const open = (threads.data ?? []).filter((th) => !th.resolved);
  const [reason, setReason] = useState('');
  const [cited, setCited] = useState<string[]>([]);
  const reject = async () => {
    const r = await run('comment.rejectCiting', { version: versionId, reason, threads: cited }, { success: t('comments.rejected', { version: versionName }) });
    if (r) onClose();
  };
  return (
    <Modal opened onClose={onClose} title={t('comments.rejectTitle', { version: versionName })} size="lg" centered>
      <Stack gap="sm">
        <Textarea label={t('comments.rejectReason')} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required data-testid="reject-reason" />
        {open.length > 0 && (
          <Checkbox.Group label={t('comments.cite')} value={cited} onChange={setCited}>
            <Stack gap={4} mt={6}>
              {open.map((th) => (
                <Checkbox
                  key={th.id}
                  value={th.id}
                  data-testid="cite"
                  label={
                    <Text fz="sm">
                      <Text span ff="monospace" fz="xs">
                        {th.anchor.kind === 'changelog' ? t('comments.changelogLine', { line: th.anchor.line }) : `${th.anchor.path}:${th.anchor.line}`}
                      </Text>{' '}
                      {th.comments[0].body.slice(0, 120)}
                    </Text>
                  }
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
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
