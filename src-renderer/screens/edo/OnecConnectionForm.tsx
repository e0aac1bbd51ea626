// Dialog to add or edit a 1С connection: transport, exchange folder and node codes, OData address and login (password sealed), timing.
import { useState } from 'react';
import { Button, Group, Modal, NumberInput, PasswordInput, SegmentedControl, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { OnecConnectionRow, OnecTransport } from '../../../src-shared/edo';
import { call } from '../../api/transport';
import { fieldErrors } from '../../api/messages';
import { DialogButtons, hasIssue, notifyFailed, notifySaved, saveOnCtrlEnter } from '../settings/dialog';
import { TRANSPORT_LABELS } from './edoUi';
import { ResendSection } from './ResendSection';

interface Values {
  name: string;
  sendVia: OnecTransport;
  enabled: boolean;
  folder: string;
  ourCode: string;
  peerCode: string;
  zip: boolean;
  formatVersion: string;
  odataUrl: string;
  odataUser: string;
  odataPassword: string;
  organizationRef: string;
  intervalSec: number | string;
  resendSec: number | string;
}

const initial = (c: OnecConnectionRow | null): Values =>
  c
    ? {
        ...c,
        folder: c.folder ?? '',
        ourCode: c.ourCode ?? '',
        peerCode: c.peerCode ?? '',
        odataUrl: c.odataUrl ?? '',
        odataUser: c.odataUser ?? '',
        odataPassword: '',
        organizationRef: c.organizationRef ?? '',
      }
    : {
        name: '1С:Бухгалтерия',
        sendVia: 'folder',
        enabled: true,
        folder: '',
        ourCode: 'CRM',
        peerCode: 'BP',
        zip: false,
        formatVersion: '1.8',
        odataUrl: '',
        odataUser: '',
        odataPassword: '',
        organizationRef: '',
        intervalSec: 60,
        resendSec: 300,
      };

const orNull = (s: string) => s.trim() || null;

export function OnecConnectionForm({ connection, onClose, onSaved }: { connection: OnecConnectionRow | null; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState<Values>(() => initial(connection));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  /** A stored password is never shown: it is typed again only to change it. */
  const [changePassword, setChangePassword] = useState(!connection?.hasPassword);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((s) => ({ ...s, [k]: value }));
    setErrors((e) => (e[k] ? { ...e, [k]: '' } : e));
  };
  const folder = v.sendVia === 'folder';

  const save = async () => {
    setBusy(true);
    try {
      await call('edo.connections.save', {
        id: connection?.id,
        name: v.name.trim(),
        sendVia: v.sendVia,
        enabled: v.enabled,
        folder: orNull(v.folder),
        ourCode: orNull(v.ourCode),
        peerCode: orNull(v.peerCode),
        zip: v.zip,
        formatVersion: v.formatVersion.trim() || '1.8',
        odataUrl: orNull(v.odataUrl),
        odataUser: orNull(v.odataUser),
        odataPassword: changePassword && v.odataPassword ? v.odataPassword : undefined,
        organizationRef: orNull(v.organizationRef),
        intervalSec: Number(v.intervalSec) || 60,
        resendSec: Number(v.resendSec) || 300,
      });
      notifySaved(connection ? 'Подключение к 1С сохранено' : 'Подключение к 1С добавлено: обмен начнётся по расписанию');
      onSaved();
    } catch (err) {
      const e = fieldErrors(err);
      if (hasIssue(err, 'absolute_path', 'folder')) e.folder = 'Укажите полный путь к папке обмена на сервере, например /srv/obmen/1c или D:\\Обмен\\1С';
      setErrors(e);
      notifyFailed(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={connection ? `Подключение к 1С «${connection.name}»` : 'Новое подключение к 1С'} size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={saveOnCtrlEnter(() => void save())}
        data-testid="onec-form"
      >
        <Stack gap="sm">
          <TextInput label="Название" value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} withAsterisk data-autofocus data-testid="onec-name" />
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              Как передавать документы
            </Text>
            <SegmentedControl
              value={v.sendVia}
              onChange={(x) => set('sendVia', x as OnecTransport)}
              data={[
                { value: 'folder', label: TRANSPORT_LABELS.folder },
                { value: 'odata', label: TRANSPORT_LABELS.odata },
              ]}
              data-testid="onec-transport"
            />
          </Stack>
          {folder && (
            <>
              <TextInput
                label="Папка обмена"
                description="Полный путь на сервере программы; та же папка указана в 1С в «Синхронизации данных через универсальный формат»"
                placeholder="/srv/obmen/1c или D:\Обмен\1С"
                value={v.folder}
                onChange={(e) => set('folder', e.currentTarget.value)}
                error={errors.folder}
                withAsterisk
                data-testid="onec-folder"
              />
              <SimpleGrid cols={4} spacing="sm">
                <TextInput label="Код нашего узла" value={v.ourCode} onChange={(e) => set('ourCode', e.currentTarget.value)} error={errors.ourCode} withAsterisk data-testid="onec-our-code" />
                <TextInput label="Код узла 1С" value={v.peerCode} onChange={(e) => set('peerCode', e.currentTarget.value)} error={errors.peerCode} withAsterisk data-testid="onec-peer-code" />
                <TextInput label="Версия формата" placeholder="1.8" value={v.formatVersion} onChange={(e) => set('formatVersion', e.currentTarget.value)} error={errors.formatVersion} />
                <Switch mt={28} label="Сжимать (ZIP)" checked={v.zip} onChange={(e) => set('zip', e.currentTarget.checked)} />
              </SimpleGrid>
            </>
          )}
          <Text size="sm" fw={500} mt="xs">
            OData базы 1С {folder && <Text span size="xs" c="dimmed">(необязательно: через него читаются состояния ЭДО; без него подписание отмечается вручную)</Text>}
          </Text>
          <TextInput
            label="Адрес OData"
            placeholder="http://1c.example/bp/odata/standard.odata"
            value={v.odataUrl}
            onChange={(e) => set('odataUrl', e.currentTarget.value)}
            error={errors.odataUrl}
            withAsterisk={!folder}
            data-testid="onec-odata-url"
          />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Пользователь 1С" value={v.odataUser} onChange={(e) => set('odataUser', e.currentTarget.value)} error={errors.odataUser} withAsterisk={!!v.odataUrl.trim()} data-testid="onec-odata-user" />
            {changePassword ? (
              <PasswordInput
                label="Пароль"
                value={v.odataPassword}
                onChange={(e) => set('odataPassword', e.currentTarget.value)}
                error={errors.odataPassword}
                autoComplete="new-password"
                data-testid="onec-odata-password"
              />
            ) : (
              <Stack gap={2}>
                <Text size="sm" fw={500}>
                  Пароль
                </Text>
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    сохранён
                  </Text>
                  <Button size="compact-xs" variant="light" onClick={() => setChangePassword(true)} data-testid="onec-password-change">
                    изменить
                  </Button>
                </Group>
              </Stack>
            )}
          </SimpleGrid>
          <TextInput
            label="Организация в 1С (Ref_Key)"
            description="Идентификатор организации из справочника «Организации», если в базе их несколько"
            placeholder="00000000-0000-0000-0000-000000000000"
            value={v.organizationRef}
            onChange={(e) => set('organizationRef', e.currentTarget.value)}
            error={errors.organizationRef}
          />
          <SimpleGrid cols={2} spacing="sm">
            <NumberInput label="Обмен каждые, секунд" min={5} max={86_400} allowDecimal={false} value={v.intervalSec} onChange={(x) => set('intervalSec', x)} error={errors.intervalSec} />
            <NumberInput
              label="Повтор неподтверждённого через, секунд"
              min={30}
              max={86_400}
              allowDecimal={false}
              value={v.resendSec}
              onChange={(x) => set('resendSec', x)}
              error={errors.resendSec}
            />
          </SimpleGrid>
          <Switch label="Обмениваться с этой базой" checked={v.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          {connection && <ResendSection connectionId={connection.id} />}
          <DialogButtons busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
