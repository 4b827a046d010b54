import { Container } from '@mantine/core';
import type { ReactNode } from 'react';

/** The padded, width-limited area every page renders into. */
export function PageBody({ children, wide }: { children: ReactNode; wide?: boolean }) {
  return (
    <Container size={wide ? 1600 : 1240} px="xl" py="xl">
      {children}
    </Container>
  );
}
