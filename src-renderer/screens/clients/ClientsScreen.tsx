// Client list with search as you type (placeholder, replaced by the full screen).
export function ClientsScreen() {
  return <div>Клиенты</div>;
}
