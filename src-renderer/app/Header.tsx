import { ActionIcon, Button, Group, Menu, Text, Tooltip, useComputedColorScheme } from '@mantine/core';
import { IconAnchor, IconCheck, IconDeviceDesktop, IconLanguage, IconMoon, IconSettings, IconSun } from '@tabler/icons-react';
import { notify } from '../components/notify';
import { useTranslation } from 'react-i18next';
import type { Language, ThemePreference } from '../../shared/types/core';
import { LANGUAGE_NAMES } from '../i18n';
import classes from './frame.module.css';
import { IdentityMenu } from './IdentityMenu';
import { SyncIndicator } from './SyncIndicator';
import { hrefFor, useRoute } from './router';
import { useSettings } from './settings-store';
import { useSession, useVisibleWorkspaces } from './session';

export function Header() {
  const { t } = useTranslation();
  const section = useRoute((s) => s.section);
  const workspaces = useVisibleWorkspaces();
  // before a catalog is connected there is only the welcome page to show
  const onboarding = useSession((s) => s.session !== null && !s.session.connected);
  return (
    // tighter below 1200 px, so at 1024 px a long sync label ("28 pending") leaves room for the identity menu
    <Group h="100%" px="lg" gap="lg" wrap="nowrap" justify="space-between" className={`${classes.headerBar} ${classes.headerPad}`}>
      <Group gap="lg" wrap="nowrap" className={classes.headerBar}>
        <a href={hrefFor('store')} className={classes.brand} aria-label={t('app.homeLink')}>
          <IconAnchor size={26} stroke={2.2} aria-hidden />
          <Text span fw={750} fz="lg">
            Berth
          </Text>
        </a>
        <nav aria-label={t('app.workspaces')} hidden={onboarding}>
          <Group gap={4} wrap="nowrap">
            {workspaces.map((w) => {
              const active = section === w.id;
              return (
                <Button
                  key={w.id}
                  component="a"
                  href={hrefFor(w.id)}
                  variant={active ? 'light' : 'subtle'}
                  color={active ? undefined : 'gray'}
                  leftSection={<w.icon size={18} aria-hidden />}
                  aria-current={active ? 'page' : undefined}
                  data-workspace={w.id}
                  className={classes.workspaceLink}
                >
                  {t(`workspace.${w.id}.name`)}
                </Button>
              );
            })}
          </Group>
        </nav>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <SyncIndicator />
        <LanguageMenu />
        <ThemeMenu />
        <Tooltip label={t('settings.title')}>
          <ActionIcon
            component="a"
            href={hrefFor('settings')}
            variant={section === 'settings' ? 'light' : 'subtle'}
            color={section === 'settings' ? undefined : 'gray'}
            size="lg"
            aria-label={t('settings.title')}
            aria-current={section === 'settings' ? 'page' : undefined}
          >
            <IconSettings size={20} />
          </ActionIcon>
        </Tooltip>
        <IdentityMenu />
      </Group>
    </Group>
  );
}


function useSaveSetting() {
  const update = useSettings((s) => s.update);
  const { t } = useTranslation();
  return async (patch: Parameters<typeof update>[0]) => {
    const problem = await update(patch);
    if (problem) notify({ color: 'red', title: t('settings.saveFailed'), message: problem });
  };
}

function LanguageMenu() {
  const { t } = useTranslation();
  const language = useSettings((s) => s.settings.language);
  const save = useSaveSetting();
  return (
    <Menu position="bottom-end" width={170}>
      <Menu.Target>
        <Tooltip label={t('settings.language')}>
          <Button
            variant="subtle"
            color="gray"
            px="xs"
            leftSection={<IconLanguage size={18} aria-hidden />}
            aria-label={t('settings.chooseLanguage')}
            data-testid="language-menu"
            styles={{ section: { marginInlineEnd: 6 } }}
          >
            <Text span fz="sm" fw={600} visibleFrom="lg">
              {LANGUAGE_NAMES[language]}
            </Text>
          </Button>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {(Object.keys(LANGUAGE_NAMES) as Language[]).map((l) => (
          <Menu.Item key={l} lang={l} onClick={() => void save({ language: l })} rightSection={l === language ? <IconCheck size={16} aria-hidden /> : null}>
            {LANGUAGE_NAMES[l]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export const THEME_ICONS: Record<ThemePreference, typeof IconSun> = { light: IconSun, dark: IconMoon, auto: IconDeviceDesktop };

function ThemeMenu() {
  const { t } = useTranslation();
  const theme = useSettings((s) => s.settings.theme);
  const computed = useComputedColorScheme('light');
  const save = useSaveSetting();
  const Current = computed === 'dark' ? IconMoon : IconSun;
  return (
    <Menu position="bottom-end" width={170}>
      <Menu.Target>
        <Tooltip label={t('settings.theme')}>
          <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('settings.chooseTheme')} data-testid="theme-menu">
            <Current size={20} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        {(['light', 'dark', 'auto'] as const).map((v) => {
          const Icon = THEME_ICONS[v];
          return (
            <Menu.Item
              key={v}
              leftSection={<Icon size={16} aria-hidden />}
              onClick={() => void save({ theme: v })}
              rightSection={v === theme ? <IconCheck size={16} aria-hidden /> : null}
            >
              {t(`settings.themes.${v}`)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
