// Shared pieces of the settings dialogs: Ctrl+Enter saves, the button row, notifications after saving.
import { Button, Group, Kbd, Text } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { errorText } from '../../api/messages';
import { ApiCallError } from '../../api/transport';

/** onKeyDown for a dialog's form: Ctrl+Enter (Cmd+Enter on a Mac) saves from any field; Esc is the Modal's own. */
export const saveOnCtrlEnter = (save: () => void) => getHotkeyHandler([['mod+Enter', save]]);

export function DialogButtons({ busy, onCancel, saveLabel = 'Сохранить' }: { busy: boolean; onCancel: () => void; saveLabel?: string }) {
  return (
    <Group justify="space-between" mt="md">
      <Text size="xs" c="dimmed">
        <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">Enter</Kbd> — сохранить, <Kbd size="xs">Esc</Kbd> — закрыть
      </Text>
      <Group gap="xs">
        <Button variant="default" onClick={onCancel}>
          Отмена
        </Button>
        <Button type="submit" loading={busy} data-testid="dialog-save">
          {saveLabel}
        </Button>
      </Group>
    </Group>
  );
}

export function notifySaved(message: string): void {
  notifications.show({ color: 'green', message, autoClose: 3000 });
}

export function notifyFailed(err: unknown, title = 'Не сохранено'): void {
  notifications.show({ color: 'red', title, message: errorText(err), autoClose: 8000 });
}

/** Whether an API error carries the given reason (optionally at the given field path). */
export function hasIssue(err: unknown, reason: string, path?: string): boolean {
  const issues = err instanceof ApiCallError ? (err.error.issues ?? []) : [];
  return issues.some((i) => i.reason === reason && (path === undefined || i.path === path));
}

export function errorCode(err: unknown): string | undefined {
  return err instanceof ApiCallError ? err.code : undefined;
}
