// Push events from the core to connected screens: one typed map for IPC and Server-Sent Events.
export interface PushEvents {
  /** A client changed (any part of its card): screens showing it reload. */
  'client.changed': { clientId: number; by: number | null };
  'refs.changed': Record<string, never>;
}
export type PushEventName = keyof PushEvents;
export interface PushMessage<K extends PushEventName = PushEventName> {
  event: K;
  data: PushEvents[K];
}
