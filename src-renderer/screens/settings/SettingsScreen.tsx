// Settings (placeholder, replaced by the full screen).
export function SettingsScreen(_props: { tab?: string }) {
  return <div>Настройки</div>;
}
