// The number of open messages in the unrecognised queue, kept live by push events.
import { useEffect, useState } from 'react';
import { call, onPush } from '../../api/transport';
import { useSession } from '../../app/session';
import { canHandleMail } from './access';

export function useQueueCount(): number | null {
  const { user } = useSession();
  const allowed = canHandleMail(user.roles);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!allowed) return;
    let alive = true;
    const load = () =>
      call('mail.queue.list', { status: 'open', limit: 1 })
        .then((r) => alive && setCount(r.total))
        .catch(() => undefined);
    void load();
    const off = onPush((event) => {
      if (event === 'mail.queue.changed') void load();
    });
    return () => {
      alive = false;
      off();
    };
  }, [allowed]);
  return count;
}
