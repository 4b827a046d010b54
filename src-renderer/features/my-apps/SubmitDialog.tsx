import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import { useAction } from '../../components/useAction';
import { MarkdownEditor } from './MarkdownEditor';

/** Submit for review: version name, changelog, and the ISV's word that they test-deployed it. */
export function SubmitDialog({ version, onClose }: { version: VersionSummary; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [name, setName] = useState(version.name);
  const [changelog, setChangelog] = useState(version.changelog);
  const [tested, setTested] = useState(false);

  const submit = async () => {
    // builds the pre-submission report (lint and review checks) and submits in one step
    const r = await run(
      'report.submit',
      { version: version.id, versionName: name.trim(), changelog, message: t('versions.testedMessage') },
      { success: t('versions.submitted', { version: name.trim() }) },
    );
    if (r) onClose();
  };

  return (
    <Modal opened onClose={onClose} title={t('versions.submitTitle', { version: version.name })} size="xl" centered>
      <Stack gap="md">
        {version.state === 'rejected' && version.rejectReason && (
          <Alert color="red" variant="light" title={t('versions.rejectedBecause')}>
            {version.rejectReason}
          </Alert>
        )}
        <TextInput label={t('versions.versionName')} description={t('versions.versionNameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={64} />
        <MarkdownEditor label={t('versions.changelog')} value={changelog} onChange={setChangelog} minRows={6} description={t('versions.changelogHint')} />
        <Alert variant="light" icon={<IconInfoCircle size={18} />}>
          {t('versions.reviewExplain')}
        </Alert>
        <Checkbox checked={tested} onChange={(e) => setTested(e.currentTarget.checked)} label={t('versions.testedConfirm')} data-testid="tested-confirm" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={busy} disabled={!tested || !name.trim()} data-testid="submit-version">
            {t('versions.submit')}
          </Button>
        </Group>
        <Group justify="flex-end" mt={-8} mih={18}>
          {busy && (
            <Text fz="xs" c="dimmed" aria-live="polite">
              {t('versions.runningChecks')}
            </Text>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
