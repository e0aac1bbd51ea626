// Saves a stored USR file: through the desktop bridge, or GET /files/usr/<id> in a browser.
import { downloadStoredFile } from '../../api/storedFile';

/** Rejects with ApiCallError (FORBIDDEN, NOT_FOUND …) as `call` does. */
export const downloadUsrFile = (id: number, name: string): Promise<void> => downloadStoredFile('usr', id, name, window.crm?.downloadUsr?.bind(window.crm));
