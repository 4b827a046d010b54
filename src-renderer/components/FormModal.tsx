import { Button, Group, Modal, type ModalProps, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormModalAction {
  label: ReactNode;
  onSubmit(): void;
  /** The call is running: the button spins and the form can't be sent twice. */
  busy?: boolean;
  /** The form is not complete yet. */
  disabled?: boolean;
  testId?: string;
}

export interface FormModalProps {
  title: ReactNode;
  onClose(): void;
  /** The main action; without it the modal only has a close button (e.g. after a run finished). */
  submit?: FormModalAction;
  /** The other button's label: "Cancel" by default, "Close" once there is nothing left to cancel. */
  cancelLabel?: ReactNode;
  size?: ModalProps['size'];
  testId?: string;
  children: ReactNode;
}

/**
 * A modal form: fields, then Cancel and the main action on the right. Enter in a field sends
 * the form, as in any web form, unless it is incomplete or already being sent.
 */
export function FormModal({ title, onClose, submit, cancelLabel, size, testId, children }: FormModalProps) {
  const { t } = useTranslation();
  const blocked = !submit || submit.busy || submit.disabled;
  return (
    <Modal opened onClose={onClose} title={title} size={size} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) submit.onSubmit();
        }}
      >
        <Stack gap="sm" data-testid={testId}>
          {children}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {cancelLabel ?? t('common.cancel')}
            </Button>
            {submit && (
              <Button type="submit" loading={submit.busy} disabled={submit.disabled} data-testid={submit.testId}>
                {submit.label}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
