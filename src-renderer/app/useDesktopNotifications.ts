// Desktop notifications for a new task: through the Electron host when the window runs there, else the browser's Notification API.
import { useCallback, useState } from 'react';

export interface DesktopNote {
  title: string;
  body: string;
  /** One notification per task: a repeat replaces the earlier one. */
  tag: string;
  onClick: () => void;
}

export type DesktopPermission = 'granted' | 'denied' | 'default' | 'unsupported';

function browserPermission(): DesktopPermission {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/**
 * `show` puts a notification on the desktop and says whether it did; the caller shows an in-app one when
 * it did not (no permission) or when the window is in front anyway.
 */
export function useDesktopNotifications() {
  const host = typeof window !== 'undefined' ? window.crm?.notify : undefined;
  const [permission, setPermission] = useState<DesktopPermission>(() => (host ? 'granted' : browserPermission()));

  const request = useCallback(async () => {
    if (host || typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  }, [host]);

  const show = useCallback(
    (n: DesktopNote): boolean => {
      if (host) {
        void host({ title: n.title, body: n.body, tag: n.tag }).then((clicked) => clicked && n.onClick());
        return true;
      }
      if (browserPermission() !== 'granted') return false;
      try {
        const note = new Notification(n.title, { body: n.body, tag: n.tag });
        note.onclick = () => {
          window.focus();
          n.onClick();
          note.close();
        };
        return true;
      } catch {
        // Some browsers allow notifications only from a service worker: fall back to the in-app one.
        return false;
      }
    },
    [host],
  );

  return { permission, request, show };
}

/** Whether the employee is looking at the window now (then an in-app notification is enough). */
export const windowInFront = (): boolean => typeof document !== 'undefined' && !document.hidden && document.hasFocus();
