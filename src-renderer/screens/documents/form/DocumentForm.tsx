// The document form (new or edit) in a dialog: loads what it needs (client, contracts, the contract's distribution map, our signers) and saves.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Center, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DOCUMENT_TYPE_LABELS, type DocumentCard, type DocumentListItem, type DocumentType, type OurSigner } from '../../../../src-shared/doc-types';
import type { ClientCard } from '../../../../src-shared/types';
import { formatDate } from '../../../../src-shared/format';
import { call } from '../../../api/transport';
import { errorText } from '../../../api/messages';
import { todayIso } from '../../clients/card/format';
import { isConflict, useForm, type FormApi } from '../../clients/card/useForm';
import { DocumentFields } from './DocumentFields';
import { useSession } from '../../../app/session';
import { EditClashes, type Clash } from '../../clients/card/EditClashes';
import { clashLabel, clashValue } from './formClashes';
import { sameValue } from '../../../components/mergeEdits';
import { agree } from '../../../../src-shared/doc-gender';
import { initialValues, serverPath, toCreateInput, toUpdateInput, validate, valuesFromCard, type FormMode, type FormValues } from './formModel';

export interface FormContext {
  type: DocumentType;
  clientId: number;
  client: ClientCard;
  contracts: DocumentListItem[];
  signers: OurSigner[];
  card: DocumentCard | null;
}

const TITLES: Record<DocumentType, [string, string]> = {
  contract: ['Новый договор', 'Договор'],
  specification: ['Новая спецификация', 'Спецификация'],
  additional_agreement: ['Новое дополнительное соглашение', 'Дополнительное соглашение'],
  invoice: ['Новый счёт', 'Счёт'],
  act: ['Новый акт', 'Акт'],
  upd: ['Новый УПД', 'УПД'],
  invoice_factura: ['Новая счёт-фактура', 'Счёт-фактура'],
};

export function DocumentFormDialog({
  clientId,
  mode,
  onClose,
  onSaved,
}: {
  clientId: number;
  mode: FormMode | null;
  onClose: () => void;
  onSaved?: (id: number) => void;
}) {
  const [title, setTitle] = useState('');
  const type = mode?.kind === 'new' ? mode.type : null;
  return (
    <Modal opened={mode !== null} onClose={onClose} title={type ? TITLES[type][0] : title} size={1000} data-testid="document-form-dialog">
      {mode && <FormLoader clientId={clientId} mode={mode} onClose={onClose} onSaved={onSaved} onTitle={setTitle} />}
    </Modal>
  );
}

function FormLoader({ clientId, mode, onClose, onSaved, onTitle }: { clientId: number; mode: FormMode; onClose: () => void; onSaved?: (id: number) => void; onTitle: (t: string) => void }) {
  const [ctx, setCtx] = useState<FormContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    Promise.all([
      mode.kind === 'edit' ? call('documents.get', { id: mode.id }) : Promise.resolve(null),
      call('clients.get', { id: clientId }),
      call('documents.list', { clientId, type: 'contract', limit: 1000 }),
      call('settings.ourRequisites.get', {}),
    ])
      .then(([card, client, contracts, our]) => {
        if (!alive) return;
        if (card) onTitle(`${TITLES[card.type][1]} № ${card.number} от ${formatDate(card.date)}`);
        setCtx({ type: card?.type ?? (mode as { type: DocumentType }).type, clientId, client, contracts: contracts.items, signers: our.signers, card });
      })
      .catch((err) => alive && setError(errorText(err)));
    return () => {
      alive = false;
    };
  }, [clientId, mode, onTitle]);
  if (error) return <Alert color="red">{error}</Alert>;
  if (!ctx)
    return (
      <Center h={200}>
        <Loader />
      </Center>
    );
  return <FormBody ctx={ctx} mode={mode} onClose={onClose} onSaved={onSaved} />;
}

function FormBody({ ctx, mode, onClose, onSaved }: { ctx: FormContext; mode: FormMode; onClose: () => void; onSaved?: (id: number) => void }) {
  const isNew = mode.kind === 'new';
  const { refs } = useSession();
  // The version the form saves against; after a refused save it moves to the newer one, merged with the user's edits.
  const [card, setCard] = useState(ctx.card);
  const [clashes, setClashes] = useState<Partial<FormValues>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const start = ctx.card ? valuesFromCard(ctx.card) : initialValues(ctx.type, todayIso(), mode.kind === 'new' ? mode.parentId : undefined);
  // A new document is signed by the first signer unless the user picks another.
  if (isNew && !start.signerCode && ctx.signers[0]) start.signerCode = ctx.signers[0].code;
  const base = useRef(start);
  const form: FormApi<FormValues> = useForm<FormValues>(start, {
    // A field changed on both sides blocks the save (Ctrl+Enter too) until the user picks a value.
    validate: (v) => ({ ...validate(ctx.type, v, isNew), ...Object.fromEntries(Object.keys(clashes).map((k) => [k, 'Поле изменили в другом окне: выберите значение'])) }),
    mapServerPath: (p: string): string => serverPath(p, form.values),
    onError: (err) => {
      if (!isConflict(err) || !card) return false;
      // Someone saved first: keep what was typed, take their changes to the other fields, ask where both changed one.
      call('documents.get', { id: card.id })
        .then((fresh) => {
          const theirs = valuesFromCard(fresh);
          const was = base.current;
          base.current = theirs;
          setCard(fresh);
          // Merged on the values the form has when the newer version lands: keys typed meanwhile stay.
          form.mergeIn(was, theirs, (found, mine) => {
            setClashes((prev) => {
              const next: Partial<FormValues> = {};
              // An earlier clash stays open while the newer version still differs from what the user has.
              for (const k of Object.keys(prev) as (keyof FormValues)[]) if (!sameValue(theirs[k], mine[k])) next[k] = theirs[k] as never;
              for (const k of found) next[k] = theirs[k] as never;
              return next;
            });
            notifications.show({
              color: 'orange',
              message: found.length
                ? 'Документ изменили в другом окне: выберите значение там, где изменили то же поле, и сохраните ещё раз'
                : 'Документ изменили в другом окне: их изменения добавлены к вашим, проверьте и сохраните ещё раз',
            });
          });
        })
        .catch((e) => setLoadError(errorText(e)));
      return true;
    },
    save: async (v) => {
      const label = DOCUMENT_TYPE_LABELS[ctx.type];
      if (isNew) {
        const r = await call('documents.create', toCreateInput(ctx.type, ctx.clientId, v));
        notifications.show({
          color: 'green',
          message: `${label} № ${r.number} ${agree(ctx.type, 'сохранён')}${r.plannedReturn ? `; вернуть подписанным до ${formatDate(r.plannedReturn)}` : ''}`,
        });
        onSaved?.(r.id);
      } else {
        const r = await call('documents.update', toUpdateInput(card!, v));
        notifications.show({
          color: 'green',
          message: r.plannedReturnChanged
            ? `${label} № ${card!.number} ${agree(ctx.type, 'сохранён')}. Плановый возврат пересчитан: ${r.plannedReturn ? formatDate(r.plannedReturn) : 'не отслеживается'}`
            : `${label} № ${card!.number} ${agree(ctx.type, 'сохранён')}`,
        });
        onSaved?.(card!.id);
      }
      onClose();
    },
  });
  const resolve = (key: string, take: boolean) => {
    const k = key as keyof FormValues;
    if (take) form.set(k, clashes[k] as never);
    setClashes(({ [k]: _dropped, ...rest }) => rest as Partial<FormValues>);
  };
  const clashList: Clash[] = (Object.keys(clashes) as (keyof FormValues)[]).map((k) => ({
    key: k,
    label: clashLabel(k),
    mine: clashValue(k, form.values[k], ctx, refs?.employees ?? []),
    theirs: clashValue(k, clashes[k], ctx, refs?.employees ?? []),
  }));
  const open = clashList.length > 0;

  return (
    <Stack gap="xs" onKeyDown={form.onKeyDown} data-testid="document-form" data-type={ctx.type}>
      {loadError && (
        <Alert color="red" py={6}>
          Документ изменили в другом окне, а его новую версию прочитать не удалось: {loadError}
        </Alert>
      )}
      <EditClashes clashes={clashList} onKeepMine={(k) => resolve(k, false)} onTakeTheirs={(k) => resolve(k, true)} title="Документ изменили в другом окне" testPrefix="doc" />
      <DocumentFields ctx={ctx} form={form} isNew={isNew} />
      <Group justify="space-between" mt="xs">
        <Text size="xs" c="dimmed">
          Ctrl+Enter — сохранить, Esc — закрыть без сохранения
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button onClick={() => void form.submit()} loading={form.busy} disabled={open} title={open ? 'Сначала выберите значения полей, изменённых в другом окне' : undefined} data-testid="doc-save">
            Сохранить
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
