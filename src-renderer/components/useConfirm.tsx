import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm(): void;
}

/** A confirmation dialog: `ask({...})` opens it, render `dialog` once in the component. */
export function useConfirm(): { ask(request: ConfirmRequest): void; dialog: ReactNode } {
  const { t } = useTranslation();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const ask = useCallback((r: ConfirmRequest) => setRequest(r), []);
  const dialog = request && (
    <Modal opened onClose={() => setRequest(null)} title={request.title} centered>
      <Stack gap="lg">
        {typeof request.body === 'string' ? <Text fz="sm">{request.body}</Text> : request.body}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setRequest(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color={request.danger ? 'red' : undefined}
            data-autofocus
            onClick={() => {
              setRequest(null);
              request.onConfirm();
            }}
          >
            {request.confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
  return { ask, dialog };
}
