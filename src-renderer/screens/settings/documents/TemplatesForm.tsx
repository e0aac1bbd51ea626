// Contract clause templates: pick a template, edit its text with {{placeholders}} (the list of available ones inserts at the cursor), checked as you type.
import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Loader, NavLink, Paper, ScrollArea, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { TEMPLATE_PLACEHOLDERS, type TemplatePlaceholder, type TemplateRow } from '../../../../src-shared/doc-types';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { fmtDateTime } from '../../clients/card/format';

const PLACEHOLDER_TEXT: Record<TemplatePlaceholder, string> = {
  date: 'дата документа «27» ноября 2026 г.',
  city: 'город РИЦ из наших реквизитов',
  'document.number': 'номер документа',
  'document.date': 'дата документа «27» ноября 2026 г.',
  'document.dateShort': 'дата документа 27.11.2026',
  'document.subject': 'предмет / содержание документа',
  'document.periodFrom': 'начало периода услуг',
  'document.periodTo': 'конец периода услуг',
  amount: 'сумма 1 234,56 ₽',
  amountWords: 'сумма прописью',
  vat: 'фраза об НДС',
  'contract.number': 'номер договора (для спецификаций, соглашений)',
  'contract.date': 'дата договора',
  'client.name': 'название клиента в CRM',
  'counterparty.fullName': 'полное наименование контрагента на дату документа',
  'counterparty.shortName': 'краткое наименование контрагента',
  'counterparty.inn': 'ИНН контрагента',
  'counterparty.kpp': 'КПП контрагента',
  'counterparty.ogrn': 'ОГРН контрагента',
  'counterparty.legalAddress': 'юридический адрес контрагента',
  'counterparty.directorName': 'ФИО руководителя контрагента',
  'counterparty.directorPosition': 'должность руководителя контрагента',
  'counterparty.signerName': 'ФИО подписанта контрагента',
  'counterparty.signerPosition': 'должность подписанта контрагента',
  'counterparty.signerBasis': 'основание полномочий подписанта (Устава, доверенности …)',
  'newCounterparty.fullName': 'новый контрагент: полное наименование (смена контрагента)',
  'newCounterparty.inn': 'новый контрагент: ИНН',
  'newCounterparty.kpp': 'новый контрагент: КПП',
  'newCounterparty.legalAddress': 'новый контрагент: юридический адрес',
  changeFrom: 'дата, с которой действует новый контрагент',
  'our.name': 'полное наименование РИЦ',
  'our.shortName': 'краткое наименование РИЦ',
  'our.inn': 'ИНН РИЦ',
  'our.signerName': 'ФИО подписанта РИЦ',
  'our.signerPosition': 'должность подписанта РИЦ',
  'our.signerBasis': 'основание полномочий подписанта РИЦ',
};

const PLACEHOLDER = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_PLACEHOLDERS);

/** The same check the server runs on save: unknown names and stray braces. */
export function templateProblems(body: string): string | null {
  if (!body.trim()) return 'Текст шаблона не может быть пустым';
  const unknown = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) if (!KNOWN.has(m[1]!)) unknown.add(m[1]!);
  if (unknown.size) return `Неизвестные подстановки: ${[...unknown].map((u) => `{{${u}}}`).join(', ')} — выберите из списка справа`;
  if (/\{\{|\}\}/.test(body.replace(PLACEHOLDER, ''))) return 'Незакрытые фигурные скобки: подстановка пишется как {{client.name}}';
  return null;
}

export function TemplatesForm({ canEdit }: { canEdit: boolean }) {
  const [rows, setRows] = useState<TemplateRow[] | null>(null);
  const [code, setCode] = useState<string | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);

  const load = () =>
    call('settings.templates.get', {})
      .then((r) => {
        setRows(r);
        setCode((c) => c ?? r[0]?.code ?? null);
      })
      .catch((err) => setError(errorText(err)));
  useEffect(() => {
    void load();
  }, []);
  const current = rows?.find((r) => r.code === code) ?? null;
  useEffect(() => setBody(current?.body ?? ''), [current]);

  if (!rows) return error ? <Alert color="red">{error}</Alert> : <Loader size="sm" />;
  const problem = templateProblems(body);
  const dirty = current != null && body !== current.body;

  const insert = (name: string) => {
    const el = area.current;
    const token = `{{${name}}}`;
    if (!el) return setBody((b) => b + token);
    const { selectionStart: s, selectionEnd: e } = el;
    const next = body.slice(0, s) + token + body.slice(e);
    setBody(next);
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(s + token.length, s + token.length);
    });
  };

  const save = async () => {
    if (!current || problem) return;
    setBusy(true);
    try {
      await call('settings.templates.save', { code: current.code, body });
      notifications.show({ color: 'green', message: `Шаблон «${current.name}» сохранён: новые печатные формы возьмут этот текст` });
      await load();
    } catch (err) {
      notifications.show({ color: 'red', message: `Не сохранено: ${errorText(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group align="flex-start" gap="sm" wrap="nowrap" data-testid="templates-form">
      <Paper withBorder w={230} p={4} style={{ flexShrink: 0 }}>
        {rows.map((r) => (
          <NavLink key={r.code} label={r.name} description={r.code} active={r.code === code} onClick={() => setCode(r.code)} data-testid={`template-${r.code}`} />
        ))}
      </Paper>
      <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
        <Text size="xs" c="dimmed">
          Строка «# …» — заголовок документа, «## …» — заголовок раздела, «[[…]]» — место таблицы (реквизиты, дистрибутивы), остальные строки — абзацы.
          {current && ` Изменён ${fmtDateTime(current.updatedAt)}${current.updatedBy ? ` · ${current.updatedBy}` : ''}.`}
        </Text>
        <Textarea
          ref={area}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          readOnly={!canEdit}
          autosize
          minRows={16}
          maxRows={32}
          error={problem}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12.5, lineHeight: 1.45 } }}
          aria-label="Текст шаблона"
          data-testid="template-body"
        />
        {canEdit ? (
          <Group justify="flex-end" gap="xs">
            <Button variant="default" disabled={!dirty} onClick={() => setBody(current?.body ?? '')}>
              Отменить изменения
            </Button>
            <Button onClick={() => void save()} loading={busy} disabled={!dirty || problem != null} data-testid="template-save">
              Сохранить шаблон
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            Шаблоны меняют руководитель или администратор.
          </Text>
        )}
      </Stack>
      <Paper withBorder w={300} p="xs" style={{ flexShrink: 0 }}>
        <Text size="sm" fw={600} mb={4}>
          Подстановки
        </Text>
        <Text size="xs" c="dimmed" mb={6}>
          Нажмите, чтобы вставить в место курсора.
        </Text>
        <ScrollArea.Autosize mah={520}>
          <Stack gap={4}>
            {TEMPLATE_PLACEHOLDERS.map((p) => (
              <Group key={p} gap={6} wrap="nowrap" align="flex-start">
                <Badge
                  size="sm"
                  radius="sm"
                  tt="none"
                  variant="light"
                  ff="monospace"
                  style={{ cursor: canEdit ? 'pointer' : 'default', flexShrink: 0 }}
                  onClick={() => canEdit && insert(p)}
                  data-testid={`placeholder-${p}`}
                >
                  {`{{${p}}}`}
                </Badge>
                <Text size="xs" c="dimmed" lh={1.3}>
                  {PLACEHOLDER_TEXT[p]}
                </Text>
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Paper>
    </Group>
  );
}
