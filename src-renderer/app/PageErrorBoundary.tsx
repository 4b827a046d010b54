import { Alert, Button, Container, Stack, Text } from '@mantine/core';
import { IconMoodSad } from '@tabler/icons-react';
import i18next from 'i18next';
import { Component, type ReactNode } from 'react';

/** A page that crashes shows a plain message and a way back; the frame stays usable. */
export class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidUpdate(previous: { resetKey: string }): void {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  override componentDidCatch(error: Error): void {
    console.error('page crashed', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Alert color="red" icon={<IconMoodSad size={20} />} title={i18next.t('app.crashed.title')}>
          <Stack gap="sm">
            <Text fz="sm">{i18next.t('app.crashed.description')}</Text>
            <Button variant="default" w="fit-content" onClick={() => window.location.reload()}>
              {i18next.t('app.crashed.reload')}
            </Button>
          </Stack>
        </Alert>
      </Container>
    );
  }
}
