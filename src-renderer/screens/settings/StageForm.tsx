// Dialog that adds or edits a readiness stage: name, code, freshness limit and the required fields.
import { useState } from 'react';
import { Alert, Checkbox, Modal, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { ReadinessStageSetting } from '../../../src-shared/types';
import { call } from '../../api/transport';
import { errorText, fieldErrors } from '../../api/messages';
import { useSession } from '../../app/session';
import { DialogButtons, errorCode, notifySaved, saveOnCtrlEnter } from './dialog';

const CODE_RE = /^[a-z0-9_]{1,50}$/;

export function StageForm({ stage, onClose, onSaved }: { stage: ReadinessStageSetting | null; onClose: () => void; onSaved: () => void }) {
  const { refs } = useSession();
  const isNew = stage === null;
  const [name, setName] = useState(stage?.name ?? '');
  const [code, setCode] = useState(stage?.code ?? '');
  const [days, setDays] = useState<number | string>(stage?.freshnessDays ?? 180);
  const [fields, setFields] = useState<string[]>(stage?.fieldCodes ?? []);
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const daysNum = typeof days === 'number' ? days : Number.NaN;
  const local: Record<string, string> = {};
  if (code && !CODE_RE.test(code)) local.code = 'Код: латинские строчные буквы, цифры и подчёркивание, например calling';
  if (days !== '' && !(Number.isInteger(daysNum) && daysNum >= 1 && daysNum <= 3650)) local.freshnessDays = 'Целое число дней от 1 до 3650';
  if (submitted) {
    if (!name.trim()) local.name = 'Введите название этапа';
    if (!code) local.code = 'Введите код этапа';
    if (days === '') local.freshnessDays = 'Укажите срок в днях';
    if (fields.length === 0) local.fieldCodes = 'Отметьте хотя бы одно поле';
  }
  const err = (f: string) => local[f] ?? server[f];

  const save = async () => {
    setBusy(true);
    setFormError(null);
    try {
      await call('readiness.saveStage', { ...(stage ? { id: stage.id } : {}), name: name.trim(), code, freshnessDays: daysNum, fieldCodes: fields });
      notifySaved(`Этап «${name.trim()}» сохранён, готовность клиентов пересчитана`);
      onSaved();
    } catch (e) {
      const fe = fieldErrors(e);
      // The unique stage code comes back as a CONFLICT without a field path.
      if (errorCode(e) === 'CONFLICT') fe.code = 'Этап с таким кодом уже есть';
      if (Object.keys(fe).some((k) => k.startsWith('fieldCodes.'))) fe.fieldCodes = 'Одно из полей удалено из справочника: отметьте заново';
      setServer(fe);
      if (!['name', 'code', 'freshnessDays', 'fieldCodes'].some((k) => fe[k])) setFormError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (busy) return;
    setSubmitted(true);
    if (!name.trim() || !code || days === '' || fields.length === 0 || Object.keys(local).length > 0) return;
    void save();
  };

  return (
    <Modal opened onClose={onClose} title={isNew ? 'Новый этап готовности' : `Этап: ${stage.name}`} size="lg" data-testid="stage-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        onKeyDown={saveOnCtrlEnter(submit)}
      >
        <Stack gap="sm">
          {formError && <Alert color="red">{formError}</Alert>}
          <SimpleGrid cols={3} spacing="sm">
            <TextInput
              label="Название"
              withAsterisk
              data-autofocus
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setServer((s) => ({ ...s, name: '' }));
              }}
              error={err('name') || undefined}
            />
            <TextInput
              label="Код"
              withAsterisk
              description={isNew ? 'Латиницей, для отчётов и обмена' : 'Код существующего этапа не меняется'}
              readOnly={!isNew}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value.trim());
                setServer((s) => ({ ...s, code: '' }));
              }}
              error={err('code') || undefined}
            />
            <NumberInput
              label="Срок свежести, дней"
              withAsterisk
              description="Подтверждение старше не засчитывается"
              min={1}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
              value={days}
              onChange={setDays}
              error={err('freshnessDays') || undefined}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Обязательные поля"
            description="Клиент получает статус этапа, когда все отмеченные поля заполнены и подтверждены не раньше срока свежести"
            withAsterisk
            value={fields}
            onChange={(v) => {
              setFields(v);
              setServer((s) => ({ ...s, fieldCodes: '' }));
            }}
            error={err('fieldCodes') || undefined}
          >
            <SimpleGrid cols={2} spacing={6} mt={6}>
              {(refs?.readinessFields ?? []).map((f) => (
                <Checkbox key={f.code} value={f.code} label={f.name} size="xs" />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Alert color="gray" p="xs">
            После сохранения статус готовности будет пересчитан у всех клиентов: одни могут получить статус этапа, другие — потерять его.
          </Alert>
        </Stack>
        <DialogButtons busy={busy} onCancel={onClose} />
      </form>
    </Modal>
  );
}
