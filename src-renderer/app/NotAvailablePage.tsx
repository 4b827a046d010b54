import { Button } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { PageBody } from '../components/PageBody';
import { hrefFor } from './router';

/** A workspace this identity has no role for (e.g. an old link after a role was revoked). */
export function NotAvailablePage() {
  const { t } = useTranslation();
  return (
    <PageBody>
      <EmptyState
        icon={IconLock}
        title={t('app.notAvailable.title')}
        description={t('app.notAvailable.description')}
        action={
          <Button component="a" href={hrefFor('store')}>
            {t('app.notAvailable.toStore')}
          </Button>
        }
      />
    </PageBody>
  );
}
