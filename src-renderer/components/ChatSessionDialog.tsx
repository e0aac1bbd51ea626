// A chat session opened to read: who, when, which kit and client, and the dialog as exported (chat.sessions.get).
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Group, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import type { ChatSessionFull } from '../../src-shared/chat-sessions';
import { formatDateTime } from '../../src-shared/format';
import { call } from '../api/transport';
import { errorText } from '../api/messages';
import { navigate } from '../app/router';
import { CHAT_FLAG_TEXT, chatKitText, durationText } from './chatSession';

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}

export function ChatSessionDialog({ sessionId, onClose }: { sessionId: number | null; onClose: () => void }) {
  const [session, setSession] = useState<ChatSessionFull | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (sessionId == null) return;
    let alive = true;
    setSession(null);
    setError(null);
    call('chat.sessions.get', { id: sessionId })
      .then((s) => alive && setSession(s))
      .catch((e: unknown) => alive && setError(errorText(e)));
    return () => {
      alive = false;
    };
  }, [sessionId]);
  const s = session;
  return (
    <Modal opened={sessionId != null} onClose={onClose} size="xl" title="Сессия чата" data-testid="chat-session-dialog">
      {error && <Alert color="red">{error}</Alert>}
      {!s && !error && <Loader size="sm" />}
      {s && (
        <Stack gap={6}>
          <Line label="Начало">
            {formatDateTime(s.startAt)}
            {s.finishAt ? ` — ${formatDateTime(s.finishAt)} (${durationText(s.durationSec)})` : ' (конец не указан)'}
          </Line>
          <Line label="Комплект">
            <Text span ff="monospace" size="sm">
              {chatKitText(s)}
            </Text>
            {s.flags.map((f) => (
              <Badge key={f} ml="xs" color="orange" variant="light" size="sm" title={CHAT_FLAG_TEXT[f] ?? f}>
                {f === 'unknown_system_number' ? 'система не в справочнике' : f}
              </Badge>
            ))}
          </Line>
          <Line label="Клиент">
            {s.clientId ? (
              <Anchor
                size="sm"
                onClick={() => {
                  onClose();
                  navigate(`/clients/${s.clientId}`);
                }}
              >
                {s.clientName}
              </Anchor>
            ) : (
              <Text span c="orange.8" size="sm">
                не привязан — комплект в списке «Неизвестные комплекты»
              </Text>
            )}
          </Line>
          <Line label="Пользователь">
            {[s.contactName ? `${s.contactName} (контакт клиента)` : s.fio, s.profile, s.email, s.phone].filter(Boolean).join(' · ') || '—'}
          </Line>
          <Line label="Оператор">{s.employeeName ?? (s.personal ? `${s.personal} (не сопоставлен с сотрудником)` : '—')}</Line>
          {s.clientRating && <Line label="Оценка клиента">{s.clientRating}</Line>}
          {s.links && <Line label="Ссылки">{s.links}</Line>}
          <ScrollArea.Autosize mah="50vh" mt="xs" type="auto">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} p="sm" bg="gray.0" data-testid="chat-session-text">
              {s.text ?? 'Текст диалога в выгрузке пуст.'}
            </Text>
          </ScrollArea.Autosize>
        </Stack>
      )}
    </Modal>
  );
}
