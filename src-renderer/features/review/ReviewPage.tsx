import { IconClipboardCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';

export function ReviewPage() {
  const { t } = useTranslation();
  return (
    <PageBody>
      <PageHeader title={t('workspace.review.name')} description={t('workspace.review.description')} />
      <EmptyState icon={IconClipboardCheck} title={t('review.empty.title')} description={t('review.empty.description')} />
    </PageBody>
  );
}
