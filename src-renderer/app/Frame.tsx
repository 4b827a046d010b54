import { AppShell } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminPage } from '../features/admin/AdminPage';
import { MyAppsPage } from '../features/my-apps/MyAppsPage';
import { ReviewPage } from '../features/review/ReviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { StorePage } from '../features/store/StorePage';
import classes from './frame.module.css';
import { Header } from './Header';
import { useRoute, type Section } from './router';

const PAGES: Record<Section, () => React.JSX.Element> = {
  store: StorePage,
  'my-apps': MyAppsPage,
  review: ReviewPage,
  admin: AdminPage,
  settings: SettingsPage,
};

export function Frame() {
  const { t } = useTranslation();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const Page = PAGES[route.section];
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
        <Page />
      </AppShell.Main>
    </AppShell>
  );
}
