// A compact client filter for dense filter rows: type part of a name, ИНН or phone (clients.search), pick one; empty means all clients.
import { ClientPicker, type ClientRef } from '../../components/ClientPicker';

export function ClientFilter({ value, onChange, w = 240 }: { value: ClientRef | null; onChange: (c: ClientRef | null) => void; w?: number }) {
  return <ClientPicker size="xs" w={w} placeholder="Все клиенты" value={value} onChange={onChange} testId="client-filter" />;
}
