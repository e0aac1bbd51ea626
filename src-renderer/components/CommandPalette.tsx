// Global search / command palette on Ctrl+K (placeholder, replaced by the full component).
export function CommandPalette() {
  return null;
}
