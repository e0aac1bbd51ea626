// Client card (placeholder, replaced by the full screen).
export function ClientCardScreen({ id }: { id: number; tab?: string }) {
  return <div>Клиент {id}</div>;
}
