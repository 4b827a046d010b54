import { Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail } from '../../../shared/types/catalog';
import { CommentsPanel } from '../../components/comments/CommentsPanel';
import { ReportPanel } from '../../components/report/ReportPanel';

/** What reviewers said about one version: its pre-submission report (with waivers) and comment threads. */
export function FeedbackPanel({ app }: { app: AppDetail }) {
  const { t } = useTranslation();
  const versions = app.versions.filter((v) => v.state !== 'deleted');
  const newest = [...versions].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const [versionId, setVersionId] = useState<string | null>(newest?.id ?? null);
  if (!versionId) return null;
  return (
    <Stack gap="lg">
      <Select
        label={t('myApps.feedback.version')}
        data={versions.map((v) => ({ value: v.id, label: v.name }))}
        value={versionId}
        onChange={setVersionId}
        allowDeselect={false}
        maw={320}
      />
      <ReportPanel key={`report-${versionId}`} versionId={versionId} />
      <CommentsPanel key={`comments-${versionId}`} versionId={versionId} />
    </Stack>
  );
}
