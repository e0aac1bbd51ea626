// Dialog to add or edit a mailbox: host, port, TLS, user, password (kept encrypted; on edit, typed only to change it), folder, enabled.
import { useState } from 'react';
import { Modal, NumberInput, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import type { MailboxRow } from '../../../src-shared/mail-types';
import { call } from '../../api/transport';
import { fieldErrors } from '../../api/messages';
import { DialogButtons, notifyFailed, notifySaved, saveOnCtrlEnter } from '../settings/dialog';

interface Values {
  name: string;
  host: string;
  port: number | string;
  tls: boolean;
  user: string;
  password: string;
  folder: string;
  enabled: boolean;
}

export function MailboxForm({ mailbox, onClose, onSaved }: { mailbox: MailboxRow | null; onClose: () => void; onSaved: () => void }) {
  const [v, setV] = useState<Values>(() =>
    mailbox
      ? { ...mailbox, password: '' }
      : { name: 'Заявки и вопросы', host: '', port: 993, tls: true, user: '', password: '', folder: 'INBOX', enabled: true },
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((s) => ({ ...s, [k]: value }));

  const save = async () => {
    const local: Record<string, string> = {};
    if (!v.host.trim()) local.host = 'Укажите адрес сервера IMAP, например imap.example.ru';
    if (!v.user.trim()) local.user = 'Укажите имя пользователя (обычно адрес ящика)';
    if (!mailbox && !v.password) local.password = 'Укажите пароль';
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      await call('mail.mailboxes.save', {
        id: mailbox?.id,
        name: v.name.trim(),
        host: v.host.trim(),
        port: Number(v.port) || (v.tls ? 993 : 143),
        tls: v.tls,
        user: v.user.trim(),
        password: v.password ? v.password : undefined,
        folder: v.folder.trim() || 'INBOX',
        enabled: v.enabled,
      });
      notifySaved(mailbox ? 'Ящик сохранён' : 'Ящик добавлен: программа начала его читать');
      onSaved();
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyFailed(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={mailbox ? `Почтовый ящик «${mailbox.name}»` : 'Новый почтовый ящик'} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={saveOnCtrlEnter(() => void save())}
      >
        <Stack gap="sm">
          <TextInput label="Название" value={v.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} withAsterisk data-autofocus />
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label="Сервер IMAP" placeholder="imap.example.ru" value={v.host} onChange={(e) => set('host', e.currentTarget.value)} error={errors.host} withAsterisk style={{ gridColumn: 'span 2' }} data-testid="mailbox-host" />
            <NumberInput label="Порт" value={v.port} onChange={(x) => set('port', x)} min={1} max={65535} allowDecimal={false} error={errors.port} data-testid="mailbox-port" />
          </SimpleGrid>
          <Switch
            label="Защищённое соединение (TLS)"
            description={v.tls ? 'Обычно порт 993' : 'Без шифрования пароль идёт по сети открытым текстом; обычно порт 143'}
            checked={v.tls}
            onChange={(e) => {
              const tls = e.currentTarget.checked;
              // Switching TLS moves a standard port to the other standard port; a custom port stays.
              setV((s) => ({ ...s, tls, port: s.port === 993 && !tls ? 143 : s.port === 143 && tls ? 993 : s.port }));
            }}
            data-testid="mailbox-tls"
          />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput label="Пользователь" placeholder="zayavki@ric.example" value={v.user} onChange={(e) => set('user', e.currentTarget.value)} error={errors.user} withAsterisk data-testid="mailbox-user" />
            <PasswordInput
              label="Пароль"
              placeholder={mailbox?.hasPassword ? 'Сохранён; введите, чтобы сменить' : ''}
              value={v.password}
              onChange={(e) => set('password', e.currentTarget.value)}
              error={errors.password}
              withAsterisk={!mailbox}
              autoComplete="new-password"
              data-testid="mailbox-password"
            />
          </SimpleGrid>
          <TextInput label="Папка" description="Откуда читать письма; письма не помечаются прочитанными и не удаляются" value={v.folder} onChange={(e) => set('folder', e.currentTarget.value)} error={errors.folder} />
          <Switch label="Читать этот ящик" checked={v.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <DialogButtons busy={busy} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
