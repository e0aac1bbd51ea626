// «Настройки → Импорт» (administrator): folders on the server whose new files are imported by themselves, each on behalf of an employee.
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { modals } from '@mantine/modals';
import type { ImportFolderRow } from '../../../src-shared/imports';
import type { EmployeeRow } from '../../../src-shared/types';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';

export function ImportFoldersTab() {
  const [rows, setRows] = useState<ImportFolderRow[] | null>(null);
  const [employees, setEmployees] = useState<EmployeeRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [label, setLabel] = useState('');
  const [employeeId, setEmployeeId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      setRows(await call('imports.folders.list', {}));
      setEmployees(await call('employees.list', {}));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => void load(), [load]);

  async function add() {
    setErrors({});
    try {
      await call('imports.folders.save', { path: path.trim(), label: label.trim() || null, enabled: true, employeeId: employeeId ? Number(employeeId) : null });
      setPath('');
      setLabel('');
      await load();
    } catch (err) {
      setErrors(fieldErrors(err));
      if (!Object.keys(fieldErrors(err)).length) setError(errorText(err));
    }
  }

  async function toggle(f: ImportFolderRow) {
    try {
      await call('imports.folders.save', { id: f.id, path: f.path, label: f.label, enabled: !f.enabled, employeeId: f.employeeId });
      await load();
    } catch (err) {
      setError(errorText(err));
    }
  }

  function remove(f: ImportFolderRow) {
    modals.openConfirmModal({
      title: 'Не следить за папкой?',
      children: <Text size="sm">Файлы в папке «{f.path}» останутся на месте; уже загруженное из неё сохранится.</Text>,
      labels: { confirm: 'Не следить', cancel: 'Отмена' },
      onConfirm: async () => {
        try {
          await call('imports.folders.delete', { id: f.id });
          await load();
        } catch (err) {
          setError(errorText(err));
        }
      },
    });
  }

  return (
    <Stack gap="md" maw={1000}>
      <Text size="sm" c="dimmed">
        Папки на сервере, новые файлы из которых загружаются сами (например, папка, куда СИО складывает USR-файлы). Файл берётся, когда его размер перестал меняться;
        одинаковые файлы загружаются один раз, под любым именем. Результаты — в разделе «Импорт».
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      <Group align="flex-end">
        <TextInput label="Папка на сервере" placeholder={'D:\\Обмен\\USR\\Иванов'} value={path} onChange={(e) => setPath(e.currentTarget.value)} error={errors.path} w={340} />
        <TextInput label="Название" placeholder="USR от СИО Иванова" value={label} onChange={(e) => setLabel(e.currentTarget.value)} w={220} />
        <Select
          label="От имени сотрудника"
          placeholder="Система"
          clearable
          data={employees.filter((e) => e.active).map((e) => ({ value: String(e.id), label: e.fullName }))}
          value={employeeId}
          onChange={setEmployeeId}
          w={220}
        />
        <Button onClick={() => void add()} disabled={!path.trim()}>
          Добавить папку
        </Button>
      </Group>
      {rows?.length === 0 && <Text c="dimmed">Папок нет: файлы загружаются только вручную в разделе «Импорт».</Text>}
      {rows && rows.length > 0 && (
        <Table data-testid="import-folders">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Папка</Table.Th>
              <Table.Th>Название</Table.Th>
              <Table.Th>От имени</Table.Th>
              <Table.Th>Состояние</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((f) => (
              <Table.Tr key={f.id}>
                <Table.Td>{f.path}</Table.Td>
                <Table.Td>{f.label ?? '—'}</Table.Td>
                <Table.Td>{f.employeeName ?? 'Система'}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Switch checked={f.enabled} onChange={() => void toggle(f)} label={f.enabled ? 'Следить' : 'Выключена'} />
                    {!f.readable && <Badge color="red" tt="none">Сервер не может прочитать папку</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" color="red" size="compact-sm" onClick={() => remove(f)}>
                    Удалить
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
