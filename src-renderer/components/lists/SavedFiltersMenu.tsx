// «Мои фильтры»: the employee's saved filters of a list (kept on the server, so they follow them to any workstation) — apply, save the current ones, delete.
import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import type { ListName, SavedFilter } from '../../../src-shared/lists';
import { call } from '../../api/transport';
import { errorText } from '../../api/messages';

export function SavedFiltersMenu({ list, current, onApply }: { list: ListName; current: Record<string, unknown>; onApply: (filters: Record<string, unknown>) => void }) {
  const [items, setItems] = useState<SavedFilter[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const reload = useCallback(() => {
    call('lists.filters.list', { list }).then(setItems, () => setItems([]));
  }, [list]);
  useEffect(reload, [reload]);

  const save = async () => {
    const n = name.trim();
    if (!n) return;
    try {
      await call('lists.filters.save', { list, name: n, filters: current as Record<string, string | number | boolean | null> });
      setNaming(false);
      notifications.show({ color: 'green', message: `Фильтр «${n}» сохранён` });
      reload();
    } catch (err) {
      notifications.show({ color: 'red', title: 'Фильтр не сохранён', message: errorText(err) });
    }
  };
  const remove = async (f: SavedFilter) => {
    try {
      await call('lists.filters.delete', { id: f.id });
      reload();
    } catch (err) {
      notifications.show({ color: 'red', title: 'Фильтр не удалён', message: errorText(err) });
    }
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal closeOnItemClick>
        <Menu.Target>
          <Button size="compact-sm" variant="default" leftSection={<IconBookmark size={14} />} data-testid="saved-filters">
            Мои фильтры
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="saved-filters-menu" miw={240}>
          {items.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={4}>
              Сохранённых фильтров нет
            </Text>
          )}
          {items.map((f) => (
            <Menu.Item
              key={f.id}
              onClick={() => onApply(f.filters)}
              rightSection={
                <ActionIcon
                  size="xs"
                  variant="subtle"
                  color="gray"
                  aria-label={`Удалить фильтр «${f.name}»`}
                  onClick={(e) => {
                    e.stopPropagation();
                    void remove(f);
                  }}
                >
                  <IconTrash size={12} />
                </ActionIcon>
              }
            >
              {f.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconDeviceFloppy size={14} />}
            onClick={() => {
              setName('');
              setNaming(true);
            }}
          >
            Сохранить текущий фильтр…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title="Сохранить фильтр" size="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="sm">
            <TextInput label="Название" placeholder="Например: ключевые без СИО" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={80} data-autofocus data-testid="filter-name" />
            <Text size="xs" c="dimmed">
              Фильтр с тем же названием будет заменён.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                Отмена
              </Button>
              <Button type="submit" disabled={!name.trim()}>
                Сохранить
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
