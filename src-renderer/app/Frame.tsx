import { Alert, AppShell } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './frame.module.css';
import { Header } from './Header';
import { NotAvailablePage } from './NotAvailablePage';
import { PageErrorBoundary } from './PageErrorBoundary';
import { PageLoading } from './PageLoading';
import { pageFor, pageVisibleTo, WelcomePage } from './pages';
import { useRoute } from './router';
import { useRoles, useSession } from './session';

export function Frame() {
  const { t } = useTranslation();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const session = useSession((s) => s.session);
  const roles = useRoles();
  const page = pageFor(route.section);
  const onboarding = session !== null && !session.connected && !page.beforeConnected;
  const Page = onboarding ? WelcomePage : pageVisibleTo(page, roles) ? page.component : NotAvailablePage;
  const title = t(page.titleKey);

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
          <Suspense fallback={<PageLoading />}>
            <Page />
          </Suspense>
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
