import { Badge, Box, Group, Loader, NavLink, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconApps, IconBuildingStore, IconFolder, IconSearch } from '@tabler/icons-react';
import { startTransition, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PageBody } from '../../components/PageBody';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { AppCard } from './AppCard';
import { storeListRequest, useStoreBrowse } from './store-state';

export function StoreBrowser() {
  const { t } = useTranslation();
  const { category, search, setCategory, setSearch } = useStoreBrowse();
  const [debounced] = useDebouncedValue(search.trim(), 200);
  const listing = useCatalogQuery('store.list', storeListRequest(category, debounced));
  const searchBox = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchBox.current?.focus()]]);

  const categories = listing.data?.categories ?? [];
  const totalActive = categories.reduce((n, c) => n + c.activeAppCount, 0);
  const current = categories.find((c) => c.id === category);
  const apps = listing.data?.apps ?? [];
  const shown = useFirstScreenFirst(apps);

  return (
    <PageBody>
      <PageHeader title={t('workspace.store.name')} description={t('workspace.store.description')} />
      <Group align="flex-start" gap="xl" wrap="nowrap">
        <Box component="nav" aria-label={t('store.categories')} w={220} style={{ flexShrink: 0 }}>
          <Text fz="xs" fw={700} c="dimmed" tt="uppercase" mb={6} px="sm">
            {t('store.categories')}
          </Text>
          <NavLink
            label={t('store.allApps')}
            leftSection={<IconApps size={18} aria-hidden />}
            rightSection={<CountBadge n={totalActive} />}
            active={category === null}
            onClick={() => setCategory(null)}
            aria-current={category === null ? 'true' : undefined}
            component="button"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
          {categories.map((c) => (
            <NavLink
              key={c.id}
              label={c.builtIn ? t('store.uncategorized') : c.name}
              leftSection={<IconFolder size={18} aria-hidden />}
              rightSection={<CountBadge n={c.activeAppCount} />}
              active={category === c.id}
              onClick={() => setCategory(c.id)}
              aria-current={category === c.id ? 'true' : undefined}
              component="button"
              data-category={c.name}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </Box>
        <Stack gap="md" style={{ flex: 1, minWidth: 0 }}>
          <TextInput
            ref={searchBox}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            placeholder={t('store.searchPlaceholder')}
            aria-label={t('store.search')}
            leftSection={<IconSearch size={16} aria-hidden />}
            rightSection={listing.loading ? <Loader size={14} /> : <Text fz="xs" c="dimmed">/</Text>}
            size="md"
          />
          <Group justify="space-between">
            <Title order={2} fz="md">
              {current ? (current.builtIn ? t('store.uncategorized') : current.name) : t('store.allApps')}
            </Title>
            {listing.data && (
              <Text fz="sm" c="dimmed">
                {t('store.resultCount', { count: listing.data.total })}
              </Text>
            )}
          </Group>
          <QueryError error={listing.error} />
          {listing.data && apps.length === 0 && (
            <EmptyState
              icon={debounced || category ? IconSearch : IconBuildingStore}
              title={debounced || category ? t('store.noMatch.title') : t('store.empty.title')}
              description={debounced || category ? t('store.noMatch.description') : t('store.empty.description')}
            />
          )}
          {apps.length > 0 && (
            <SimpleGrid cols={{ base: 2, xl: 3 }} spacing="md" data-testid="store-apps">
              {shown.map((a) => (
                <AppCard key={a.id} app={a} />
              ))}
            </SimpleGrid>
          )}
          {!listing.data && listing.loading && (
            <Paper p="xl" ta="center" withBorder>
              <Loader />
            </Paper>
          )}
        </Stack>
      </Group>
    </PageBody>
  );
}

function CountBadge({ n }: { n: number }) {
  return (
    <Badge size="sm" variant="light" color="gray" radius="sm">
      {n}
    </Badge>
  );
}

/** Cards painted at once: what a first screen shows (2 or 3 columns); the rest follow after that paint. */
export const FIRST_CARDS = 12;

/**
 * A page of up to 50 cards takes several hundred ms to render on a slow machine: when the
 * browser first shows a list, the cards of the first screen paint first and the rest a frame
 * later, interruptibly (docs/ui.md, "First screen at scale"). Later lists (a search, a refresh
 * after a sync) render whole, so no card ever disappears for a frame.
 */
function useFirstScreenFirst<T>(items: T[]): T[] {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (settled || items.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setSettled(true)));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [items, settled]);
  return settled ? items : items.slice(0, FIRST_CARDS);
}
