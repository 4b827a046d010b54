import { Alert, Badge, Button, Card, Group, Stack, Tabs } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppDetail, ReviewItem, VersionSummary } from '../../../shared/types/catalog';
import { ok, type Result } from '../../../shared/result';
import { call } from '../../api';
import { hrefFor } from '../../app/router';
import { AuditTimeline } from '../../components/AuditTimeline';
import { AppHeaderCard } from '../../components/AppHeaderCard';
import { useRelativeTime } from '../../components/format';
import { PageBody } from '../../components/PageBody';
import { BackLink, PageLoadGate } from '../../components/PageLoadGate';
import { ReadmePanel } from '../../components/ReadmePanel';
import { StateBadge } from '../../components/StateBadge';
import { useCatalogResult } from '../../components/useCatalogQuery';
import { AppInfoReview } from './AppInfoReview';
import { ChangesPanel } from './ChangesPanel';
import { ChecksPanel } from './ChecksPanel';
import { DecisionDialog } from './DecisionDialog';
import { FilesPanel } from '../../components/FilesPanel';
import { ManifestsPanel } from './ManifestsPanel';
import { CommentsPanel } from '../../components/comments/CommentsPanel';
import { ComparePanel } from '../../components/compare/ComparePanel';
import { ReportPanel } from '../../components/report/ReportPanel';
import { CosignBadge } from '../../components/provenance/CosignBadge';
import { ProvenanceBadge } from '../../components/provenance/ProvenanceBadge';
import { ArtifactHubBadges, ArtifactHubPanel, useArtifactHub } from '../../components/artifacthub/ArtifactHub';

export interface ReviewSubject {
  version: VersionSummary;
  app: AppDetail;
  queueItem?: ReviewItem;
  previous?: VersionSummary;
}

const REVIEWED_BEFORE = new Set(['passed', 'active', 'suspended']);

/** Everything needed to decide on one version, from the local catalog (works offline). */
async function loadSubject(versionId: string): Promise<Result<ReviewSubject>> {
  const version = await call('version.get', { version: versionId });
  if (!version.ok) return version;
  const [app, queue] = await Promise.all([call('app.get', { app: version.value.appId }), call('review.queue', {})]);
  if (!app.ok) return app;
  const queueItem = queue.ok ? queue.value.find((q) => q.version.id === versionId) : undefined;
  // outside the queue (already decided), compare with the newest other version that passed review
  const previous =
    queueItem?.previousVersion ??
    app.value.versions
      .filter((v) => v.id !== versionId && REVIEWED_BEFORE.has(v.state) && v.createdAt < version.value.createdAt)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return ok({ version: version.value, app: app.value, queueItem, previous });
}

export function ReviewVersionPage({ versionId }: { versionId: string }) {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const q = useCatalogResult(`review:${versionId}`, () => loadSubject(versionId));
  const [deciding, setDeciding] = useState<'approve' | 'reject' | null>(null);
  const [tab, setTab] = useState<string | null>('info');
  const artifactHub = useArtifactHub(versionId);
  const back = <BackLink href={hrefFor('review')}>{t('review.backToQueue')}</BackLink>;
  if (!q.data) return <PageLoadGate back={back} error={q.error} wide />;
  const { version, app, previous, queueItem } = q.data;
  const waiting = version.state === 'submitted';
  return (
    <PageBody wide>
      <Stack gap="lg">
        {back}
        <AppHeaderCard
          app={app}
          badges={
            <>
              <Badge variant="light" size="lg" radius="sm" tt="none">
                {version.name}
              </Badge>
              <StateBadge state={version.state} size="lg" />
            </>
          }
          description={
            <>
              {queueItem
                ? t('review.submittedByAgo', { name: queueItem.submittedBy, when: relative(queueItem.submittedAt) })
                : t('review.inWorkspace', { workspace: app.workspaceName })}
              {' · '}
              {previous ? t('review.comparedWith', { version: previous.name }) : t('review.firstVersion')}
            </>
          }
          actions={
            waiting && (
              <>
                <Button color="red" variant="light" leftSection={<IconX size={16} aria-hidden />} onClick={() => setDeciding('reject')} data-testid="reject">
                  {t('review.reject')}
                </Button>
                <Button color="teal" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setDeciding('approve')} data-testid="approve">
                  {t('review.approve')}
                </Button>
              </>
            )
          }
        >
          <Group gap="sm">
            <ProvenanceBadge versionId={version.id} />
            <CosignBadge versionId={version.id} />
            <ArtifactHubBadges info={artifactHub} />
          </Group>
        </AppHeaderCard>
        {!waiting && (
          <Alert variant="light" color="gray">
            {t('review.notWaiting', { state: t(`versionStates.${version.state}`) })}
          </Alert>
        )}
        <Card padding="lg">
          {/* ten tabs on one row down to 1280 px: tighter padding, never wrapped */}
          <Tabs value={tab} onChange={setTab} keepMounted={false} styles={{ tab: { paddingInline: 10 } }}>
            <Tabs.List mb="md" style={{ flexWrap: 'nowrap' }} data-testid="review-tabs">
              <Tabs.Tab value="info">{t('review.tabs.info')}</Tabs.Tab>
              <Tabs.Tab value="readme">{t('review.tabs.readme')}</Tabs.Tab>
              <Tabs.Tab value="files">{t('review.tabs.files')}</Tabs.Tab>
              <Tabs.Tab value="manifests">{t('review.tabs.manifests')}</Tabs.Tab>
              <Tabs.Tab value="checks">{t('review.tabs.checks')}</Tabs.Tab>
              <Tabs.Tab value="report">{t('review.tabs.report')}</Tabs.Tab>
              <Tabs.Tab value="comments">{t('review.tabs.comments')}</Tabs.Tab>
              <Tabs.Tab value="changes" disabled={!previous}>
                {t('review.tabs.changes')}
              </Tabs.Tab>
              <Tabs.Tab value="compare">{t('review.tabs.compare')}</Tabs.Tab>
              {artifactHub && <Tabs.Tab value="artifacthub">{t('artifactHub.tab')}</Tabs.Tab>}
              <Tabs.Tab value="history">{t('review.tabs.history')}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="info">
              <AppInfoReview app={app} version={version} />
            </Tabs.Panel>
            <Tabs.Panel value="readme">
              <ReadmePanel versionId={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="files">
              <FilesPanel versionId={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="manifests">
              <ManifestsPanel versionId={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="checks">
              <ChecksPanel versionId={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="report">
              <ReportPanel versionId={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="comments">
              <CommentsPanel versionId={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="compare">
              <ComparePanel appId={app.id} initialA={previous?.id} initialB={version.id} />
            </Tabs.Panel>
            <Tabs.Panel value="changes">{previous && <ChangesPanel version={version} previous={previous} />}</Tabs.Panel>
            <Tabs.Panel value="artifacthub">{artifactHub && <ArtifactHubPanel info={artifactHub} />}</Tabs.Panel>
            <Tabs.Panel value="history">
              <AuditTimeline query={{ version: version.id }} />
            </Tabs.Panel>
          </Tabs>
        </Card>
      </Stack>
      {deciding && <DecisionDialog kind={deciding} version={version} appName={app.chartName} onClose={() => setDeciding(null)} />}
    </PageBody>
  );
}
