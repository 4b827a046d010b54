import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { BerthError } from '../../shared/result';
import { useErrorText } from './errors';

/** A failed load, in plain words. */
export function QueryError({ error }: { error: BerthError | undefined }) {
  const text = useErrorText();
  if (!error) return null;
  const { title, marked } = text(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title}>
      {marked}
    </Alert>
  );
}
