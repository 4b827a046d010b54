import { Alert, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionSummary } from '../../../shared/types/catalog';
import type { TestDeployRecord } from '../../../shared/types/review-tools';
import { useRelativeTime } from '../../components/format';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { MarkdownEditor } from './MarkdownEditor';

/**
 * Submit for review: version name, changelog, and the test deploy the catalog recorded — shown
 * as recorded, never as the ISV's claim. Without a running one, the ISV submits with that stated.
 */
export function SubmitDialog({ version, onClose }: { version: VersionSummary; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [name, setName] = useState(version.name);
  const [changelog, setChangelog] = useState(version.changelog);
  const [acknowledged, setAcknowledged] = useState(false);
  // a flag, not the sentence: said in the language the page is in when it shows
  const [changelogError, setChangelogError] = useState(false);
  const recorded = useCatalogQuery('report.latestTestDeploy', { version: version.id });
  const outcome = recorded.data === undefined ? undefined : (recorded.data?.outcome ?? 'none');
  const needsAcknowledgement = outcome !== undefined && outcome !== 'running';

  const submit = async () => {
    // KubeSphere requires 更新日志; said here, next to the field, before the checks run
    if (!changelog.trim()) {
      setChangelogError(true);
      return;
    }
    // builds the pre-submission report (lint and review checks) and submits in one step; the
    // main side writes the recorded test deploy into the submit event
    const r = await run(
      'report.submit',
      { version: version.id, versionName: name.trim(), changelog },
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
        <TextInput
          label={t('versions.versionName')}
          description={t('versions.versionNameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maxLength={64}
        />
        <MarkdownEditor
          label={t('versions.changelog')}
          value={changelog}
          onChange={(v) => {
            setChangelog(v);
            if (v.trim()) setChangelogError(false);
          }}
          minRows={6}
          description={t('versions.changelogHint')}
          error={changelogError ? t('versions.changelogRequired') : null}
          required
        />
        <Alert variant="light" icon={<IconInfoCircle size={18} />}>
          {t('versions.reviewExplain')}
        </Alert>
        <RecordedTestDeploy record={recorded.data} loading={outcome === undefined} />
        {needsAcknowledgement && (
          <Checkbox
            checked={acknowledged}
            onChange={(e) => setAcknowledged(e.currentTarget.checked)}
            label={outcome === 'none' ? t('versions.testDeployAckNone') : t('versions.testDeployAckNotRunning')}
            data-testid="tested-confirm"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={busy}
            disabled={outcome === undefined || (needsAcknowledgement && !acknowledged) || !name.trim()}
            data-testid="submit-version"
          >
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

/** The latest test deploy of the version as the catalog recorded it (on any machine). */
function RecordedTestDeploy({ record, loading }: { record: TestDeployRecord | null | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  if (loading) return null;
  if (!record) {
    return (
      <Alert color="yellow" variant="light" title={t('versions.testDeployNoneTitle')} data-testid="recorded-test-deploy" data-outcome="none">
        {t('versions.testDeployNone')}
      </Alert>
    );
  }
  const values = { release: record.release, namespace: record.namespace, when: relative(record.at) };
  const color = record.outcome === 'running' ? 'teal' : record.outcome === 'failed' ? 'red' : 'yellow';
  return (
    <Alert
      color={color}
      variant="light"
      title={t(`versions.testDeployTitle.${record.outcome}`)}
      data-testid="recorded-test-deploy"
      data-outcome={record.outcome}
    >
      {t('versions.testDeployRecorded', values)}
    </Alert>
  );
}
