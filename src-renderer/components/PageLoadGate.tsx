import { Anchor, Group, Loader, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { BerthError } from '../../shared/result';
import { PageBody } from './PageBody';
import { QueryError } from './QueryError';

/** The link back to the list a detail page was opened from. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} fz="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} aria-hidden />
        {children}
      </Group>
    </Anchor>
  );
}

/** A detail page whose data has not arrived: the way back, then why it failed (or, with `spinner`, that it is still loading). */
export function PageLoadGate({ back, error, wide, spinner }: { back: ReactNode; error: BerthError | undefined; wide?: boolean; spinner?: boolean }) {
  return (
    <PageBody wide={wide}>
      <Stack gap="lg">
        {back}
        {error ? <QueryError error={error} /> : spinner && <Loader size="sm" />}
      </Stack>
    </PageBody>
  );
}
