import { Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InfoReviewItem } from '../../../shared/types/catalog';
import { AppTitle } from '../../components/BlobImage';
import { useRelativeTime } from '../../components/format';
import { FormModal } from '../../components/FormModal';
import { useAction } from '../../components/useAction';
import { useCatalogQuery } from '../../components/useCatalogQuery';

const FIELDS = ['description', 'introduction', 'home', 'category', 'icon', 'screenshots'] as const;

/**
 * App information an ISV asked to publish while the catalog has reviewers check it first (an
 * admin's rule in Admin → Catalog & sync): the store's copy beside the asked one, Publish, or
 * Turn down with a reason the ISV reads in History.
 */
export function InfoRequests() {
  const { t } = useTranslation();
  const relative = useRelativeTime();
  const q = useCatalogQuery('review.infoRequests', {});
  const { run, busy } = useAction();
  const [turningDown, setTurningDown] = useState<InfoReviewItem | null>(null);
  const [reason, setReason] = useState('');
  const words = { none: t('infoReview.none'), shots: (count: number) => t('infoReview.screenshotCount', { count }) };
  if (!q.data || q.data.length === 0) return null;
  return (
    <Card padding="lg" data-testid="info-requests">
      <Title order={2} fz="md" mb={4}>
        {t('infoReview.title', { count: q.data.length })}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {t('infoReview.explain')}
      </Text>
      <Stack gap="md">
        {q.data.map((item) => (
          <Stack key={item.app.id} gap="xs" data-app={item.app.chartName}>
            <Group justify="space-between" wrap="nowrap">
              <AppTitle
                icon={item.app.icon}
                name={item.app.chartName}
                sub={t('infoReview.askedBy', { name: item.requestedBy, when: relative(item.requestedAt) })}
                size={32}
              />
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  leftSection={<IconX size={14} aria-hidden />}
                  onClick={() => {
                    setReason('');
                    setTurningDown(item);
                  }}
                >
                  {t('infoReview.turnDown')}
                </Button>
                <Button
                  size="xs"
                  leftSection={<IconCheck size={14} aria-hidden />}
                  loading={busy}
                  onClick={() =>
                    void run('app.reviewInfo', { app: item.app.id, approve: true }, { success: t('infoReview.published', { app: item.app.chartName }) })
                  }
                  data-testid="publish-asked-info"
                >
                  {t('infoReview.publish')}
                </Button>
              </Group>
            </Group>
            <Table withTableBorder fz="sm" verticalSpacing={4} layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>{t('infoReview.field')}</Table.Th>
                  <Table.Th>{t('infoReview.inStore')}</Table.Th>
                  <Table.Th>{t('infoReview.asked')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {FIELDS.filter((f) => item.changed.includes(f)).map((f) => (
                  <Table.Tr key={f} data-field={f}>
                    <Table.Td>
                      <Badge variant="light" radius="sm" tt="none">
                        {t(`infoReview.fields.${f}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td data-content="user">{shown(item.store, f, words)}</Table.Td>
                    <Table.Td data-content="user">{shown(item.asked, f, words)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
      {turningDown && (
        <FormModal
          title={t('infoReview.turnDownTitle', { app: turningDown.app.chartName })}
          onClose={() => setTurningDown(null)}
          submit={{
            label: t('infoReview.turnDown'),
            busy,
            disabled: reason.trim() === '',
            onSubmit: () =>
              void run('app.reviewInfo', { app: turningDown.app.id, approve: false, reason: reason.trim() }).then((r) => r && setTurningDown(null)),
          }}
        >
          <Textarea
            label={t('infoReview.reason')}
            description={t('infoReview.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={3}
            data-testid="turn-down-reason"
          />
        </FormModal>
      )}
    </Card>
  );
}

/** A field's value as a short line: text cut to 200 characters, media counted. */
function shown(info: InfoReviewItem['store'], field: (typeof FIELDS)[number], words: { none: string; shots(count: number): string }): string {
  if (field === 'icon') return info.icon ? info.icon.sha256.slice(0, 12) : words.none;
  if (field === 'screenshots') return words.shots(info.screenshots.length);
  const text = String(info[field] ?? '');
  return text === '' ? words.none : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
