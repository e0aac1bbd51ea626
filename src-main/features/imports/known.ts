// The formats of every feature, registered when this module loads: each feature's formats module calls registerFormat().
// A feature adds its formats module here (and nowhere else in imports/): the mechanism itself names no format.
import '../chat/chat.formats';
import '../chat/questions.formats';
import '../usr/usr.formats';
import '../glavbukh/list.format';
import '../nss/calls.format';

/** Called before a batch runs, so that a host which never imported a feature still knows its formats. */
export function loadKnownFormats(): void {
  // The side-effect imports above have run by the time this is callable.
}
