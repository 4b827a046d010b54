import { Alert, Anchor, Badge, Group, List, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink, IconFlask, IconLicense, IconShieldExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ArtifactHubChangeKind, ArtifactHubInfo } from '../../../shared/types/chart';
import { CodeView } from '../CodeView';
import { useCatalogQuery } from '../useCatalogQuery';

/** Artifact Hub's colours for change kinds, so people who know artifacthub.io read them at a glance. */
const KIND_COLOR: Record<ArtifactHubChangeKind, string> = {
  added: 'green',
  changed: 'blue',
  deprecated: 'yellow',
  removed: 'gray',
  fixed: 'violet',
  security: 'red',
};

/** The chart's Artifact Hub annotations, read from its package (null until loaded or when it has none). */
export function useArtifactHub(versionId: string | undefined): ArtifactHubInfo | undefined {
  const q = useCatalogQuery('chart.artifactHub', versionId ? { version: versionId } : null);
  return q.data?.present ? q.data : undefined;
}

/** Badges beside the version: security updates, pre-release, license — as Artifact Hub shows them. */
export function ArtifactHubBadges({ info }: { info: ArtifactHubInfo | undefined }) {
  const { t } = useTranslation();
  if (!info) return null;
  return (
    <Group gap={6} data-testid="artifacthub-badges">
      {info.containsSecurityUpdates && (
        <Tooltip label={t('artifactHub.securityTip')} multiline maw={320} withArrow>
          <Badge color="red" variant="light" radius="sm" tt="none" leftSection={<IconShieldExclamation size={14} aria-hidden />} data-testid="security-updates">
            {t('artifactHub.security')}
          </Badge>
        </Tooltip>
      )}
      {info.prerelease && (
        <Badge color="orange" variant="light" radius="sm" tt="none" leftSection={<IconFlask size={14} aria-hidden />}>
          {t('artifactHub.prerelease')}
        </Badge>
      )}
      {info.license && (
        <Badge color="gray" variant="outline" radius="sm" tt="none" leftSection={<IconLicense size={14} aria-hidden />}>
          {info.license}
        </Badge>
      )}
    </Group>
  );
}

function ExternalLink({ url, children }: { url: string; children: string }) {
  return (
    <Anchor href={url} target="_blank" rel="noopener noreferrer" fz="sm" style={{ wordBreak: 'break-all' }}>
      <Group gap={4} wrap="nowrap" component="span">
        {children}
        <IconExternalLink size={12} aria-hidden />
      </Group>
    </Anchor>
  );
}

/**
 * Everything the chart tells Artifact Hub, for reviewers and store users: changes with their
 * kinds and links, links, images, screenshots (as links: Berth loads nothing remote), CRDs and
 * their examples, and what Berth left out of malformed annotations.
 */
export function ArtifactHubPanel({ info }: { info: ArtifactHubInfo }) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg" data-testid="artifacthub-panel">
      <Text fz="sm" c="dimmed">
        {t('artifactHub.intro')}
      </Text>
      {info.problems.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('artifactHub.problems')}>
          <List size="sm">
            {info.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {info.changes.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('artifactHub.changes')}
          </Title>
          <Stack gap={6}>
            {info.changes.map((c, i) => (
              <Group key={i} gap="sm" wrap="nowrap" align="flex-start">
                <Badge color={KIND_COLOR[c.kind]} variant="light" radius="sm" w={96} style={{ flexShrink: 0 }}>
                  {t(`artifactHub.kind.${c.kind}`)}
                </Badge>
                <Stack gap={2}>
                  <Text fz="sm">{c.description}</Text>
                  {c.links.length > 0 && (
                    <Group gap="sm">
                      {c.links.map((l) => (
                        <ExternalLink key={l.url} url={l.url}>
                          {l.name}
                        </ExternalLink>
                      ))}
                    </Group>
                  )}
                </Stack>
              </Group>
            ))}
          </Stack>
        </div>
      )}
      {info.links.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('artifactHub.links')}
          </Title>
          <Stack gap={4}>
            {info.links.map((l) => (
              <ExternalLink key={l.url} url={l.url}>
                {l.name}
              </ExternalLink>
            ))}
          </Stack>
        </div>
      )}
      {info.images.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('artifactHub.images')}
          </Title>
          <Table fz="sm" withRowBorders={false} verticalSpacing={4}>
            <Table.Tbody>
              {info.images.map((im) => (
                <Table.Tr key={im.image}>
                  <Table.Td w={160}>{im.name}</Table.Td>
                  <Table.Td ff="monospace">{im.image}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {info.screenshots.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('artifactHub.screenshots')}
          </Title>
          <Text fz="xs" c="dimmed" mb={4}>
            {t('artifactHub.screenshotsRemote')}
          </Text>
          <Stack gap={4}>
            {info.screenshots.map((s) => (
              <ExternalLink key={s.url} url={s.url}>
                {s.title}
              </ExternalLink>
            ))}
          </Stack>
        </div>
      )}
      {info.crds.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('artifactHub.crds')}
          </Title>
          <Table fz="sm" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('artifactHub.crdKind')}</Table.Th>
                <Table.Th>{t('artifactHub.crdVersion')}</Table.Th>
                <Table.Th>{t('artifactHub.crdName')}</Table.Th>
                <Table.Th>{t('artifactHub.crdDescription')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {info.crds.map((c) => (
                <Table.Tr key={`${c.name}/${c.version}`}>
                  <Table.Td>{c.displayName ?? c.kind}</Table.Td>
                  <Table.Td>{c.version}</Table.Td>
                  <Table.Td ff="monospace">{c.name}</Table.Td>
                  <Table.Td>{c.description}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {info.crdsExamples.length > 0 && (
        <div>
          <Title order={3} fz="md" mb="xs">
            {t('artifactHub.crdsExamples')}
          </Title>
          <Stack gap="sm">
            {info.crdsExamples.map((ex, i) => (
              <CodeView key={i} path={`example-${i + 1}.yaml`} content={ex} maxHeight={240} label={t('artifactHub.exampleN', { n: i + 1 })} />
            ))}
          </Stack>
        </div>
      )}
    </Stack>
  );
}
