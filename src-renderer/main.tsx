import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { call } from './api';
import type { AppInfo } from '../shared/types/core';

function Shell() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void call('app.info', {}).then((r) => r.ok && setInfo(r.value));
  }, []);
  return <h1>Berth {info?.version}</h1>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shell />
  </StrictMode>,
);
