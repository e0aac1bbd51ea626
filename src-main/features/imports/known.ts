// The formats of every feature, loaded once before the first batch runs: each import registers its format with registerFormat().
import '../chat/chat.formats';

let loaded = false;

/** Registers the formats this build knows. A feature adds its formats module here (and nowhere else in imports/). */
export function loadKnownFormats(): void {
  if (loaded) return;
  loaded = true;
}
