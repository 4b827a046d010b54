import { IconBuildingStore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';

export function StorePage() {
  const { t } = useTranslation();
  return (
    <PageBody>
      <PageHeader title={t('workspace.store.name')} description={t('workspace.store.description')} />
      <EmptyState icon={IconBuildingStore} title={t('store.empty.title')} description={t('store.empty.description')} />
    </PageBody>
  );
}
