/**
 * A test-only page that mounts the review & upgrade tools' components by themselves against a
 * real Berth (through the same api.ts as the app), so their e2e tests do not depend on where
 * the pages embed them. Routes: #/values/<version>, #/report/<version>, #/comments/<version>,
 * #/compare/<app>/<a>/<b>; `?lang=zh-CN` switches the language.
 */
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Container, MantineProvider, Title } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { call } from '../../../../src-renderer/api';
import { startSession } from '../../../../src-renderer/app/session';
import { theme } from '../../../../src-renderer/app/theme';
import { ComparePanel } from '../../../../src-renderer/components/compare/ComparePanel';
import { CommentsPanel } from '../../../../src-renderer/components/comments/CommentsPanel';
import { ReportPanel } from '../../../../src-renderer/components/report/ReportPanel';
import { ValuesEditor } from '../../../../src-renderer/components/values-form/ValuesEditor';
import { setupI18n, switchLanguage } from '../../../../src-renderer/i18n';

function route(): { view: string; args: string[]; lang: 'en' | 'zh-CN' } {
  const [path, query] = window.location.hash.replace(/^#\/?/, '').split('?');
  const [view = '', ...args] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { view, args, lang: new URLSearchParams(query ?? '').get('lang') === 'zh-CN' ? 'zh-CN' : 'en' };
}

function ValuesPage({ version }: { version: string }) {
  const [yaml, setYaml] = useState('');
  return <ValuesEditor chart={{ version }} value={yaml} onChange={setYaml} height={520} />;
}

function Gallery() {
  const [r, setR] = useState(route());
  useEffect(() => {
    const on = () => {
      const next = route();
      void switchLanguage(next.lang).then(() => setR(next));
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const [a, b, c] = r.args;
  return (
    <Container size="xl" py="md" key={window.location.hash}>
      <Title order={1} fz="lg" mb="md" data-testid="gallery-view">
        {r.view}
      </Title>
      {r.view === 'values' && <ValuesPage version={a} />}
      {r.view === 'report' && <ReportPanel versionId={a} />}
      {r.view === 'comments' && <CommentsPanel versionId={a} />}
      {r.view === 'compare' && <ComparePanel appId={a} initialA={b} initialB={c} />}
    </Container>
  );
}

async function start(): Promise<void> {
  await call('app.info', {}); // takes the bridge token out of the URL first
  await setupI18n(route().lang);
  startSession();
  createRoot(document.getElementById('root')!).render(
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="bottom-right" />
      <Gallery />
    </MantineProvider>,
  );
}

void start();
