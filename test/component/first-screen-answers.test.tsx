/**
 * Issue 16, first screen: answers asked as the page starts (boot.ts → early-calls.ts) are shown by
 * the view's first render, with no loading pass and no second call; once the catalog changed
 * (revision > 0) a view asks again.
 */
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useSession } from '../../src-renderer/app/session';
import { useCatalogQuery } from '../../src-renderer/components/useCatalogQuery';
import { askEarly, settledEarly, takeEarly } from '../../src-renderer/early-calls';
import { connectMainSide, renderWidget } from './render';

afterEach(() => {
  useSession.setState({ revision: 0 });
  takeEarly('store.list', {});
});

/** Connects the real main side with a catalog, counting the store.list calls that reach it. */
async function mainSideWithCatalog(): Promise<{ storeLists: () => number }> {
  const services = connectMainSide();
  await services.sync.init('First screen', { kind: 'folder', path: `${services.dataDir}-store` });
  const bridge = window.berth!;
  let lists = 0;
  window.berth = { ...bridge, call: (name, request) => ((lists += name === 'store.list' ? 1 : 0), bridge.call(name, request)) };
  return { storeLists: () => lists };
}

const renders: { loading: boolean; total?: number }[] = [];
function StoreTotal() {
  const listing = useCatalogQuery('store.list', {});
  renders.push({ loading: listing.loading, total: listing.data?.total });
  return <p>{listing.data ? `total ${listing.data.total}` : 'loading'}</p>;
}

describe('the answers asked as the page starts', () => {
  it('are rendered by the view’s first render, and asked only once', async () => {
    const main = await mainSideWithCatalog();
    askEarly('store.list', {});
    await waitFor(() => expect(settledEarly('store.list', {})).toBeDefined());
    renders.length = 0;
    await renderWidget(<StoreTotal />);
    expect(renders[0]).toEqual({ loading: false, total: 0 });
    expect(screen.getByText('total 0')).toBeTruthy();
    expect(renders.every((r) => !r.loading)).toBe(true);
    expect(main.storeLists()).toBe(1);
    // taken by the view: a later ask goes to the main side
    expect(settledEarly('store.list', {})).toBeUndefined();
  });

  it('are not used once the catalog changed; the view asks again', async () => {
    const main = await mainSideWithCatalog();
    askEarly('store.list', {});
    await waitFor(() => expect(settledEarly('store.list', {})).toBeDefined());
    act(() => useSession.setState({ revision: 1 }));
    renders.length = 0;
    await renderWidget(<StoreTotal />);
    expect(renders[0].loading).toBe(true);
    await screen.findByText('total 0');
    expect(main.storeLists()).toBe(2);
  });
});
