import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';

interface ConfirmRequest {
  title: string;
  body: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm(): void;
}

type MakeRequest = (t: TFunction) => ConfirmRequest;

/**
 * A confirmation dialog: `ask({...})` opens it, render `dialog` once in the component. Given
 * `ask((t) => ({...}))`, the wording is made again with the current language on each render,
 * so it follows a change of language while the dialog is open.
 */
export function useConfirm(): { ask(request: ConfirmRequest | MakeRequest): void; dialog: ReactNode } {
  const { t } = useTranslation();
  const [asked, setRequest] = useState<{ make: MakeRequest } | null>(null);
  const ask = useCallback((r: ConfirmRequest | MakeRequest) => setRequest({ make: typeof r === 'function' ? r : () => r }), []);
  const request = asked?.make(t);
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
