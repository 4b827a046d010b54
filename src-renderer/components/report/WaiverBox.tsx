import { Alert, Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportCheckView } from '../../../shared/types/review-tools';
import { useHasRole, useSession } from '../../app/session';
import { useAction } from '../useAction';

const STATE_COLOR = { requested: 'yellow', accepted: 'teal', refused: 'red' } as const;

/** A check's waiver: the ISV asks with a reason; a reviewer (not the asker) accepts or refuses. */
export function WaiverBox({ versionId, check }: { versionId: string; check: ReportCheckView }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const me = useSession((s) => s.session?.identity.keyId);
  const reviewer = useHasRole('reviewer', 'admin');
  const isv = useHasRole('isv');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const w = check.waiver;
  const waivable = check.status !== 'pass';

  return (
    <Stack gap={6} data-testid="waiver" data-check={check.id}>
      {w && (
        <Alert variant="light" color={STATE_COLOR[w.state]} p="xs">
          <Stack gap={4}>
            <Group gap={6}>
              <Badge size="sm" color={STATE_COLOR[w.state]} radius="sm" data-testid="waiver-state">
                {t(`report.waiverStates.${w.state}`)}
              </Badge>
              <Text fz="xs" c="dimmed">
                {t('report.askedBy', { name: w.requestedByName })}
              </Text>
            </Group>
            <Text fz="sm">{w.reason}</Text>
            {w.decidedByName && (
              <Text fz="xs">
                {t('report.decidedBy', { name: w.decidedByName })}
                {w.note ? `: ${w.note}` : ''}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      {reviewer && w?.state === 'requested' && w.requestedBy !== me && (
        <Stack gap={6}>
          <Textarea
            size="xs"
            autosize
            minRows={1}
            placeholder={t('report.notePlaceholder')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            aria-label={t('report.note')}
            data-testid="waiver-note"
          />
          <Group gap="xs">
            <Button
              size="xs"
              color="teal"
              loading={busy}
              onClick={() => void run('report.decideWaiver', { waiver: w.id, accept: true, note: note || undefined })}
              data-testid="accept-waiver"
            >
              {t('report.accept')}
            </Button>
            <Button
              size="xs"
              color="red"
              variant="light"
              loading={busy}
              disabled={!note.trim()}
              onClick={() => void run('report.decideWaiver', { waiver: w.id, accept: false, note })}
              data-testid="refuse-waiver"
            >
              {t('report.refuse')}
            </Button>
          </Group>
        </Stack>
      )}
      {isv &&
        waivable &&
        (!w || w.state === 'refused') &&
        (asking ? (
          <Stack gap={6}>
            <Textarea
              size="xs"
              autosize
              minRows={2}
              label={t('report.waiverReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="waiver-reason"
            />
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => setAsking(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                size="xs"
                loading={busy}
                disabled={!reason.trim()}
                onClick={async () => {
                  if (await run('report.requestWaiver', { version: versionId, check: check.id, reason })) setAsking(false);
                }}
                data-testid="send-waiver"
              >
                {t('report.askWaiver')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Button size="xs" variant="light" onClick={() => setAsking(true)} w="fit-content" data-testid="ask-waiver">
            {t('report.askWaiver')}
          </Button>
        ))}
    </Stack>
  );
}
