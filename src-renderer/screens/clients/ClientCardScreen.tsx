// Client card: header of key facts and tabs (Общие, Контакты, Реквизиты, Дистрибутивы, Документы, События, Готовность, USR, Главбух, НСС); the URL follows the tab.
import { useEffect, useState } from 'react';
import { notifications } from '@mantine/notifications';
import { Alert, Badge, Button, Center, Loader, Stack, Tabs } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { navigate } from '../../app/router';
import { CardHeader } from './card/CardHeader';
import { ContactsTab } from './card/ContactsTab';
import { DistributionsTab } from './card/DistributionsTab';
import { DocumentsTab } from './card/DocumentsTab';
import { EventsTab } from './card/EventsTab';
import { GeneralTab } from './card/GeneralTab';
import { KeyClientDialog } from './card/KeyClientDialog';
import { ReadinessTab } from './card/ReadinessTab';
import { RequisitesTab } from './card/RequisitesTab';
import { useClientCard } from './card/useClientCard';
import { MergeDialog } from './card/MergeDialog';
import { SameInnBar } from './card/SameInnBar';
import { useSession } from '../../app/session';
import type { ClientRef } from '../../components/ClientPicker';
import { UsrSection } from '../../components/usr/UsrSection';
import { staleCount, useUsrCard } from '../../components/usr/useUsrCard';
import { GbSection } from '../../components/glavbukh/GbSection';
import { useGbCard } from '../../components/glavbukh/useGbCard';
import { todayIso } from './card/format';
import { NssTab } from '../nss/NssTab';

export const CARD_TABS = ['general', 'contacts', 'requisites', 'distributions', 'documents', 'events', 'readiness', 'usr', 'glavbukh', 'nss'] as const;
export type CardTab = (typeof CARD_TABS)[number];

/** Esc inside a dialog closes the dialog (Mantine handles it); only a bare Esc leaves the card. */
function escapeGoesBack(e: KeyboardEvent): boolean {
  const target = e.target as Element | null;
  if (target?.closest?.('[role="dialog"], [role="listbox"], [data-combobox-dropdown]')) return false;
  // A dialog that is closing (its transition still running) keeps the Esc that closed it.
  return !document.querySelector('[role="dialog"]');
}

export function ClientCardScreen({ id, tab }: { id: number; tab?: string }) {
  const { card, error, notFound, mergedInto, loading, reload } = useClientCard(id);
  const [keyOpen, setKeyOpen] = useState(false);
  // The merge dialog, open with the other card chosen (a duplicate's button) or to be chosen (null).
  const [mergeWith, setMergeWith] = useState<ClientRef | null | undefined>(undefined);
  const { hasRole } = useSession();
  // Loaded with the card: the tab's badge tells at a glance that a kit stopped updating.
  const usr = useUsrCard(id);
  const usrStale = staleCount(usr.data);
  // Loaded with the card too: the header shows the certification badge.
  const gb = useGbCard(id);
  useEffect(() => {
    if (!mergedInto) return;
    // An old link to a merged client: its card lives on in the survivor's.
    notifications.show({ color: 'blue', message: `Клиент объединён с «${mergedInto.name}»: открыта его карточка` });
    navigate(`/clients/${mergedInto.id}`, { replace: true });
  }, [mergedInto]);
  const current: CardTab = CARD_TABS.includes(tab as CardTab) ? (tab as CardTab) : 'general';
  // Unsaved edits (on «Общие» or in an open form) are not dropped by a stray Esc: navigate asks first (leaveGuard).
  const goBack = () => navigate('/clients');

  useHotkeys([
    [
      'Escape',
      (e) => {
        if (escapeGoesBack(e)) goBack();
      },
    ],
  ]);

  if (!card) {
    if (loading && !error)
      return (
        <Center h="50vh">
          <Loader />
        </Center>
      );
    return (
      <Stack maw={600} gap="sm">
        <Alert color={notFound ? 'gray' : 'red'} title={notFound ? 'Клиент не найден' : 'Карточка не загрузилась'}>
          {notFound ? 'Возможно, его удалили или ссылка устарела.' : error}
        </Alert>
        <Button variant="default" onClick={() => navigate('/clients')} w="fit-content">
          К списку клиентов
        </Button>
      </Stack>
    );
  }

  const activeContacts = card.contacts.filter((c) => c.active).length;
  return (
    <Stack gap="sm" data-testid="client-card" data-client-id={id}>
      <CardHeader card={card} gb={gb.data} onKey={() => setKeyOpen(true)} onMerge={() => setMergeWith(null)} onBack={goBack} />
      <SameInnBar sameInn={card.sameInn} canMerge={hasRole('admin', 'head')} onMerge={(c) => setMergeWith({ id: c.id, name: c.name })} />
      {error && (
        <Alert color="red" py={6}>
          Не удалось обновить карточку: {error}
        </Alert>
      )}
      {/* «Общие» stays mounted (hidden by CSS, not by React's Activity, so its effects keep running): switching
          tabs keeps a half-filled form. Other tabs unmount: their dialogs must not linger half-closed while hidden. */}
      <Tabs value={current} onChange={(t) => t && navigate(`/clients/${id}/${t}`, { samePage: true })} keepMounted={false} keepMountedMode="display-none">
        <Tabs.List>
          <Tabs.Tab value="general">Общие</Tabs.Tab>
          <Tabs.Tab value="contacts">Контакты ({activeContacts})</Tabs.Tab>
          <Tabs.Tab value="requisites">Реквизиты</Tabs.Tab>
          <Tabs.Tab value="distributions">Дистрибутивы и схемы сервиса ({card.distributions.length})</Tabs.Tab>
          <Tabs.Tab value="documents">Документы</Tabs.Tab>
          <Tabs.Tab value="events">События ({card.events.length})</Tabs.Tab>
          <Tabs.Tab value="readiness">Готовность</Tabs.Tab>
          <Tabs.Tab
            value="usr"
            rightSection={
              usrStale > 0 ? (
                <Badge size="xs" color="red" circle title="Комплекты без свежих обновлений" data-testid="usr-tab-badge">
                  {usrStale}
                </Badge>
              ) : undefined
            }
          >
            USR
          </Tabs.Tab>
          <Tabs.Tab value="glavbukh" data-testid="gb-tab">
            Главбух
          </Tabs.Tab>
          <Tabs.Tab value="nss" data-testid="nss-tab-button">
            НСС
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="sm" keepMounted>
          <GeneralTab client={card.client} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="sm">
          <ContactsTab clientId={id} contacts={card.contacts} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="requisites" pt="sm">
          <RequisitesTab clientId={id} current={card.counterparty} history={card.counterpartyHistory} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="distributions" pt="sm">
          <DistributionsTab clientId={id} distributions={card.distributions} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="sm">
          <DocumentsTab clientId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="sm">
          <EventsTab clientId={id} events={card.events} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="readiness" pt="sm">
          <ReadinessTab card={card} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="usr" pt="sm">
          <UsrSection data={usr.data} error={usr.error} />
        </Tabs.Panel>
        <Tabs.Panel value="glavbukh" pt="sm">
          <GbSection
            clientId={id}
            data={gb.data}
            error={gb.error}
            today={todayIso()}
            reload={() => {
              gb.reload();
              reload();
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="nss" pt="sm">
          <NssTab clientId={id} distributions={card.distributions} contacts={card.contacts} />
        </Tabs.Panel>
      </Tabs>
      <MergeDialog client={{ id, name: card.client.name }} initialOther={mergeWith ?? null} opened={mergeWith !== undefined} onClose={() => setMergeWith(undefined)} />
      <KeyClientDialog
        client={card.client}
        opened={keyOpen}
        onClose={() => {
          setKeyOpen(false);
          void reload();
        }}
      />
    </Stack>
  );
}
