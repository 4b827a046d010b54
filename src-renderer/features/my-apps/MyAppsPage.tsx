import { IconPackages } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';

export function MyAppsPage() {
  const { t } = useTranslation();
  return (
    <PageBody>
      <PageHeader title={t('workspace.my-apps.name')} description={t('workspace.my-apps.description')} />
      <EmptyState icon={IconPackages} title={t('myApps.empty.title')} description={t('myApps.empty.description')} />
    </PageBody>
  );
}
