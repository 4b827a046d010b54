import { Tabs } from '@mantine/core';
import { IconAlertTriangle, IconCategory, IconDatabase, IconTruckDelivery, IconUsers, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate, useRoute } from '../../app/router';
import { useHasRole } from '../../app/session';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';
import { CatalogPanel } from './CatalogPanel';
import { CategoriesPanel } from './CategoriesPanel';
import { ConflictsPanel } from './ConflictsPanel';
import { DistributionPanel } from './DistributionPanel';
import { MembersPanel } from './MembersPanel';
import { WorkspacesPanel } from './WorkspacesPanel';

const TABS = ['categories', 'members', 'workspaces', 'catalog', 'distribution', 'conflicts'] as const;
type AdminTab = (typeof TABS)[number];
const ADMIN_ONLY: readonly AdminTab[] = ['members', 'workspaces', 'catalog'];

export function AdminPage() {
  const { t } = useTranslation();
  const isAdmin = useHasRole('admin');
  const path = useRoute((s) => s.path);
  const tabs = TABS.filter((tab) => isAdmin || !ADMIN_ONLY.includes(tab));
  const tab = tabs.includes(path[0] as AdminTab) ? (path[0] as AdminTab) : tabs[0];
  const icons = {
    categories: IconCategory,
    members: IconUsers,
    workspaces: IconUsersGroup,
    catalog: IconDatabase,
    distribution: IconTruckDelivery,
    conflicts: IconAlertTriangle,
  };
  return (
    <PageBody>
      <PageHeader title={t('workspace.admin.name')} description={t('workspace.admin.description')} />
      <Tabs value={tab} onChange={(v) => v && navigate('admin', v)} keepMounted={false} variant="outline">
        <Tabs.List mb="lg">
          {tabs.map((id) => {
            const Icon = icons[id];
            return (
              <Tabs.Tab key={id} value={id} leftSection={<Icon size={16} aria-hidden />}>
                {t(`admin.tabs.${id}`)}
              </Tabs.Tab>
            );
          })}
        </Tabs.List>
        <Tabs.Panel value="categories">
          <CategoriesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="members">
          <MembersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="workspaces">
          <WorkspacesPanel />
        </Tabs.Panel>
        <Tabs.Panel value="catalog">
          <CatalogPanel />
        </Tabs.Panel>
        <Tabs.Panel value="distribution">
          <DistributionPanel />
        </Tabs.Panel>
        <Tabs.Panel value="conflicts">
          <ConflictsPanel />
        </Tabs.Panel>
      </Tabs>
    </PageBody>
  );
}
