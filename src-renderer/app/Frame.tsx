import { Alert, AppShell } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../features/admin/AdminPage';
import { InstancesPage } from '../features/instances/InstancesPage';
import { MyAppsPage } from '../features/my-apps/MyAppsPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StorePage } from '../features/store/StorePage';
import { WelcomePage } from '../features/welcome/WelcomePage';
import classes from './frame.module.css';
import { Header } from './Header';
import { NotAvailablePage } from './NotAvailablePage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { useRoute, type Section } from './router';
import { useSession, useVisibleWorkspaces } from './session';

const PAGES: Record<Section, () => React.JSX.Element> = {
  store: StorePage,
  instances: InstancesPage,
  'my-apps': MyAppsPage,
  review: ReviewPage,
  admin: AdminPage,
  settings: SettingsPage,
};

export function Frame() {
  const { t } = useTranslation();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const session = useSession((s) => s.session);
  const workspaces = useVisibleWorkspaces();
  const onboarding = session !== null && !session.connected && route.section !== 'settings';
  const allowed = route.section === 'settings' || workspaces.some((w) => w.id === route.section);
  const Page = onboarding ? WelcomePage : allowed ? PAGES[route.section] : NotAvailablePage;
  const title = route.section === 'settings' ? t('settings.title') : t(`workspace.${route.section}.name`);

  useEffect(() => {
    document.title = `${title} · Berth`;
  }, [title]);

  return (
    <AppShell header={{ height: 60 }} padding={0}>
      <a
        href="#main"
        className={classes.skipLink}
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Main id="main" ref={main} tabIndex={-1} className={classes.main}>
        <ServiceProblem />
        <PageErrorBoundary resetKey={`${route.section}/${route.path.join('/')}`}>
          <Page />
        </PageErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}

/** Shown when Berth's own background service can't be reached. */
function ServiceProblem() {
  const { t } = useTranslation();
  const problem = useSession((s) => s.loadError);
  if (!problem) return null;
  return (
    <Alert color="red" radius={0} icon={<IconPlugConnectedX size={18} />} title={t('app.serviceProblem')}>
      {problem}
    </Alert>
  );
}
