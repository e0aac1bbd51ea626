// Contract: stored USR files (list, one file's facts) and kits the base does not know yet (list, link to a client).
import { z } from 'zod';
import { method } from './define';
import { CLIENT_EDITORS } from '../roles';
import { id } from './common';
import { USR_FILE_STATUSES, type UsrFileFull, type UsrFileRow, type UsrUnknownKitRow } from '../usr';

export const usrFilesInput = z.object({
  status: z.enum(USR_FILE_STATUSES).optional(),
  clientId: id.optional(),
  usrKitId: id.optional(),
  /** Part of the file name or of a kit (`SKJP_000123`, `123`). */
  text: z.string().trim().max(100).optional(),
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type UsrFilesInput = z.input<typeof usrFilesInput>;

/** Everyone who works with clients reads the files; linking a kit adds a distribution, so it is the card's editors' work. */
export const usrApi = {
  /** Stored files, newest first (by the file's own date). */
  'usr.files': method<{ rows: UsrFileRow[]; total: number }>()({ input: usrFilesInput, access: CLIENT_EDITORS, write: false }),
  'usr.file': method<UsrFileFull>()({ input: z.object({ id }), access: CLIENT_EDITORS, write: false }),
  /** Kits no distribution of the base matches, most files first. */
  'usr.kits.unknown': method<UsrUnknownKitRow[]>()({
    input: z.object({ limit: z.number().int().min(1).max(5000).default(1000) }),
    access: CLIENT_EDITORS,
    write: false,
  }),
  /**
   * Links a kit to a client: the client's distribution of that kit (added as the card adds one when missing; one of
   * another client's is refused: CONFLICT; a system not in the catalogue: systemCode unknown_system). The kit's files
   * whose kits are then all known turn from unknown_kit to stored.
   */
  'usr.kits.link': method<{ distributionId: number; created: boolean; filesStored: number }>()({
    input: z.object({ usrKitId: id, clientId: id }),
    access: CLIENT_EDITORS,
    write: true,
  }),
};
