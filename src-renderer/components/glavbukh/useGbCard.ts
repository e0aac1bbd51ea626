// Loads a client's Главбух certificates (glavbukh.card) and reloads them on demand: the card header and its tab share one copy.
import { useClientCall } from '../../api/useClientCall';

export const useGbCard = (clientId: number) => useClientCall('glavbukh.card', clientId);
