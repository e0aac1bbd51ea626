// Editor of one parsing rule: kind, subject and type patterns (one per line), label synonyms per field, required fields; tested before saving.
import { useMemo, useState } from 'react';
import { Button, Group, MultiSelect, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { getHotkeyHandler } from '@mantine/hooks';
import { MAIL_FIELDS, RULE_KINDS, type MailField, type MailRuleRow, type RuleKind } from '../../../src-shared/mail-types';
import type { RuleInput } from '../../../src-shared/api/mail';
import { call } from '../../api/transport';
import { fieldErrors } from '../../api/messages';
import { notifyFailed, notifySaved } from '../settings/dialog';
import { FIELD_LABELS, TASK_KIND_LABELS } from '../tasks/taskFormat';
import { RuleTester } from './RuleTester';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** Checks patterns as the server will (case-insensitive Unicode), so a typo shows while typing. */
function badLines(text: string): string | null {
  const bad = lines(text)
    .map((p, i) => {
      try {
        new RegExp(p, 'iu');
        return null;
      } catch {
        return i + 1;
      }
    })
    .filter((n) => n !== null);
  return bad.length ? `Неверное регулярное выражение в строке ${bad.join(', ')}` : null;
}

/** A server error at `subjectPatterns.2` points at line 3 of the text. */
function patternError(errs: Record<string, string>, key: 'subjectPatterns' | 'typePatterns'): string | undefined {
  const hit = Object.keys(errs).find((k) => k.startsWith(`${key}.`));
  return hit ? `Строка ${Number(hit.split('.')[1]) + 1}: ${errs[hit]}` : errs[key];
}

interface Draft {
  kind: RuleKind;
  name: string;
  sort: number | string;
  enabled: boolean;
  subject: string;
  type: string;
  labels: Partial<Record<MailField, string[]>>;
  requireAny: MailField[];
}

function toDraft(r: MailRuleRow | null): Draft {
  return r
    ? { kind: r.kind, name: r.name, sort: r.sort, enabled: r.enabled, subject: r.subjectPatterns.join('\n'), type: r.typePatterns.join('\n'), labels: r.labels, requireAny: r.requireAny }
    : { kind: 'lead_price', name: '', sort: 100, enabled: true, subject: '', type: '', labels: {}, requireAny: [] };
}

export function RuleEditor({ rule, testMessageId, onSaved, onCancel }: { rule: MailRuleRow | null; testMessageId: number | null; onSaved: (id: number) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(() => toDraft(rule));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((s) => ({ ...s, [k]: v }));

  const input: RuleInput = useMemo(
    () => ({
      id: rule?.id,
      kind: d.kind,
      name: d.name.trim() || 'Без названия',
      sort: Number(d.sort) || 0,
      enabled: d.enabled,
      subjectPatterns: lines(d.subject),
      typePatterns: lines(d.type),
      labels: Object.fromEntries(Object.entries(d.labels).filter(([, v]) => v && v.length)),
      requireAny: d.requireAny,
    }),
    [d, rule?.id],
  );
  const localSubject = badLines(d.subject);
  const localType = badLines(d.type);

  const save = async () => {
    if (!d.name.trim()) {
      setErrors({ name: 'Назовите правило' });
      return;
    }
    if (localSubject || localType) return;
    setBusy(true);
    try {
      const r = await call('mail.rules.save', { ...input, name: d.name.trim() });
      notifySaved('Правило сохранено: новые письма разбираются по нему');
      onSaved(r.id);
    } catch (err) {
      setErrors(fieldErrors(err));
      notifyFailed(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" onKeyDown={getHotkeyHandler([['mod+Enter', () => void save()]])} data-testid="rule-editor">
      <Paper withBorder p="sm">
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <TextInput label="Название" value={d.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} withAsterisk style={{ gridColumn: 'span 2' }} data-testid="rule-name" />
            <Select
              label="Что получается"
              data={RULE_KINDS.map((k) => ({ value: k, label: TASK_KIND_LABELS[k] }))}
              value={d.kind}
              onChange={(v) => v && set('kind', v as RuleKind)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="rule-kind"
            />
            <NumberInput label="Порядок" description="Меньше — проверяется раньше" value={d.sort} onChange={(v) => set('sort', v)} min={0} max={10000} allowDecimal={false} />
          </SimpleGrid>
          <Switch label="Правило включено" checked={d.enabled} onChange={(e) => set('enabled', e.currentTarget.checked)} />
          <SimpleGrid cols={2} spacing="sm">
            <Textarea
              label="Шаблоны темы письма"
              description="Регулярные выражения, по одному в строке; регистр не важен. Номер заявки — в группе (?<number>…)"
              autosize
              minRows={3}
              maxRows={8}
              value={d.subject}
              onChange={(e) => set('subject', e.currentTarget.value)}
              error={localSubject ?? patternError(errors, 'subjectPatterns')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
              data-testid="rule-subject"
            />
            <Textarea
              label="Шаблоны поля «Тип заявки»"
              description="Если тема общая: правило подходит, когда значение поля «Тип заявки» совпадает с одним из шаблонов"
              autosize
              minRows={3}
              maxRows={8}
              value={d.type}
              onChange={(e) => set('type', e.currentTarget.value)}
              error={localType ?? patternError(errors, 'typePatterns')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
            />
          </SimpleGrid>
          <Text size="sm" fw={600}>
            Подписи полей в письме
          </Text>
          <Text size="xs" c="dimmed">
            Как поле может быть подписано в тексте («Телефон», «Тел.», «Контактный телефон»…). Введите вариант и нажмите Enter.
          </Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
            {MAIL_FIELDS.map((f) => (
              <TagsInput
                key={f}
                size="xs"
                label={FIELD_LABELS[f] ?? f}
                value={d.labels[f] ?? []}
                onChange={(v) => set('labels', { ...d.labels, [f]: v })}
                error={errors[`labels.${f}`] ?? Object.entries(errors).find(([k]) => k.startsWith(`labels.${f}.`))?.[1]}
                clearable
                data-testid={`rule-labels-${f}`}
              />
            ))}
          </SimpleGrid>
          <MultiSelect
            label="Обязательные поля"
            description="Письмо без хотя бы одного из них уходит в очередь нераспознанных"
            data={MAIL_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] ?? f }))}
            value={d.requireAny}
            onChange={(v) => set('requireAny', v as MailField[])}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onCancel}>
              Закрыть
            </Button>
            <Button onClick={() => void save()} loading={busy} data-testid="rule-save">
              Сохранить правило
            </Button>
          </Group>
        </Stack>
      </Paper>
      <RuleTester draft={input} initialMessageId={testMessageId} />
    </Stack>
  );
}
