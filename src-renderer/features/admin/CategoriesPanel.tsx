import { ActionIcon, Alert, Button, Card, Group, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconInfoCircle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CATEGORY_NAME_CHARS as CATEGORY_NAME_MAX } from '../../../shared/limits';
import type { Category } from '../../../shared/types/catalog';
import { FormModal } from '../../components/FormModal';
import { QueryError } from '../../components/QueryError';
import { useAction } from '../../components/useAction';
import { useErrorText } from '../../components/errors';
import type { BerthError } from '../../../shared/result';
import { useCatalogQuery } from '../../components/useCatalogQuery';
import { useConfirm } from '../../components/useConfirm';

/** Store categories: names are unique, the default can't go, and a category with apps can't be deleted. */
export function CategoriesPanel() {
  const { t } = useTranslation();
  const q = useCatalogQuery('category.list', {});
  const { run, busy } = useAction();
  const errorText = useErrorText();
  const { ask, dialog } = useConfirm();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<Category | null>(null);
  const categories = q.data ?? [];
  const duplicate = categories.some((c) => c.name.toLowerCase() === name.trim().toLowerCase());

  // the catalog's refusal is said under the name that caused it, not as a notification
  const [refusal, setRefusal] = useState<BerthError>();
  const create = async () => {
    setRefusal(undefined);
    const c = await run('category.create', { name: name.trim() }, { success: t('categories.created', { name: name.trim() }), onError: setRefusal });
    if (c) setName('');
  };

  const deleteBlocker = (c: Category) =>
    c.builtIn ? t('categories.cantDeleteDefault') : c.appCount > 0 ? t('categories.cantDeleteInUse', { count: c.appCount }) : undefined;

  return (
    <Stack gap="md">
      <Alert variant="light" icon={<IconInfoCircle size={18} />}>
        {t('categories.rules')}
      </Alert>
      <Card padding="md">
        <Group align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label={t('categories.newName')}
            placeholder={t('categories.examples')}
            value={name}
            onChange={(e) => {
              setName(e.currentTarget.value);
              setRefusal(undefined);
            }}
            onKeyDown={(e) => e.key === 'Enter' && name.trim() && !duplicate && void create()}
            error={duplicate ? t('categories.duplicate') : refusal ? errorText(refusal).message : undefined}
            maxLength={CATEGORY_NAME_MAX}
            // the limit is shown, not cut silently
            rightSection={
              <Text fz="xs" c={name.length >= CATEGORY_NAME_MAX ? 'orange' : 'dimmed'} data-testid="category-name-count">
                {t('common.counter', { count: name.length, max: CATEGORY_NAME_MAX })}
              </Text>
            }
            rightSectionWidth={52}
            data-testid="new-category"
          />
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => void create()}
            disabled={!name.trim() || duplicate}
            loading={busy}
            data-testid="create-category"
          >
            {t('categories.create')}
          </Button>
        </Group>
      </Card>
      <QueryError error={q.error} />
      <Card padding={0}>
        <Table verticalSpacing="sm" horizontalSpacing="lg">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('categories.columns.name')}</Table.Th>
              <Table.Th>{t('categories.columns.apps')}</Table.Th>
              <Table.Th>{t('categories.columns.inStore')}</Table.Th>
              <Table.Th ta="right">{t('versions.columns.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {categories.map((c) => {
              const blocker = deleteBlocker(c);
              return (
                <Table.Tr key={c.id} data-category={c.name}>
                  <Table.Td>
                    <Text fw={550} fz="sm">
                      {c.builtIn ? t('store.uncategorized') : c.name}
                    </Text>
                    {c.builtIn && (
                      <Text fz="xs" c="dimmed">
                        {t('categories.default')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td fz="sm">{c.appCount}</Table.Td>
                  <Table.Td fz="sm">{c.activeAppCount}</Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label={c.builtIn ? t('categories.cantRenameDefault') : t('categories.rename')}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t('categories.renameNamed', { name: c.name })}
                          onClick={() => setRenaming(c)}
                          disabled={c.builtIn}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label={blocker ?? t('common.delete')} multiline maw={260}>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('categories.deleteNamed', { name: c.name })}
                          disabled={blocker !== undefined}
                          onClick={() =>
                            ask({
                              title: t('categories.deleteTitle', { name: c.name }),
                              body: t('categories.deleteBody'),
                              confirm: t('common.delete'),
                              danger: true,
                              onConfirm: () => void run('category.delete', { category: c.id }, { success: t('categories.deleted', { name: c.name }) }),
                            })
                          }
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
      {renaming && <RenameDialog category={renaming} onClose={() => setRenaming(null)} />}
      {dialog}
    </Stack>
  );
}

function RenameDialog({ category, onClose }: { category: Category; onClose(): void }) {
  const { t } = useTranslation();
  const { run, busy } = useAction();
  const [name, setName] = useState(category.name);
  const save = async () => {
    if (await run('category.rename', { category: category.id, name: name.trim() }, { success: t('categories.renamed', { name: name.trim() }) })) onClose();
  };
  return (
    <FormModal
      title={t('categories.renameTitle', { name: category.name })}
      onClose={onClose}
      submit={{ label: t('common.save'), onSubmit: () => void save(), busy, disabled: !name.trim() || name.trim() === category.name }}
    >
      <TextInput label={t('categories.columns.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={40} data-autofocus />
    </FormModal>
  );
}
