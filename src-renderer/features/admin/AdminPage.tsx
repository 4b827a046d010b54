import { IconShieldCog } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';

export function AdminPage() {
  const { t } = useTranslation();
  return (
    <PageBody>
      <PageHeader title={t('workspace.admin.name')} description={t('workspace.admin.description')} />
      <EmptyState icon={IconShieldCog} title={t('admin.empty.title')} description={t('admin.empty.description')} />
    </PageBody>
  );
}
