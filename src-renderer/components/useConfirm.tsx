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

/**
 * A confirmation dialog: `ask({...})` opens it, render `dialog` once in the component. Given
 * `ask(() => ({...}))`, the wording is made again on each render, so it follows a change of
 * language while the dialog is open.
 */
export function useConfirm(): { ask(request: ConfirmRequest | (() => ConfirmRequest)): void; dialog: ReactNode } {
  const { t } = useTranslation();
  const [asked, setRequest] = useState<{ make: () => ConfirmRequest } | null>(null);
  const ask = useCallback((r: ConfirmRequest | (() => ConfirmRequest)) => setRequest({ make: typeof r === 'function' ? r : () => r }), []);
  const request = asked?.make();
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
