// Loads the USR proof of a client's distributions (usr.card) and reloads it on demand.
import { useClientCall } from '../../api/useClientCall';
import type { UsrCard } from '../../../src-shared/usr-card';

export const useUsrCard = (clientId: number) => useClientCall('usr.card', clientId);

/** How many distributions warn (the card tab's badge). */
export const staleCount = (d: UsrCard | null) => d?.distributions.filter((x) => x.stale).length ?? 0;
