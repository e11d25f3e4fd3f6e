/**
 * Service-worker registration and the update prompt. A new version waits until the player
 * taps "Update now"; nothing reloads by itself, so a level is never cut off in the middle.
 */
import { Workbox } from 'workbox-window';
import { toast, dismissToast } from '../ui/overlay';

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  const wb = new Workbox('./sw.js', { scope: './' });

  const showPrompt = (): void => {
    toast('common:pwa.updateReady', undefined, {
      sticky: true,
      actions: [
        {
          key: 'common:pwa.reload',
          primary: true,
          testId: 'update-reload',
          onClick: () => {
            wb.addEventListener('controlling', () => window.location.reload());
            wb.messageSkipWaiting();
          },
        },
        {
          key: 'common:pwa.later',
          testId: 'update-later',
          onClick: () => dismissToast('common:pwa.updateReady'),
        },
      ],
    });
  };

  wb.addEventListener('waiting', showPrompt);
  wb.addEventListener('installed', (event) => {
    if (!event.isUpdate) toast('common:pwa.offlineReady');
  });
  // A browser can refuse service workers (private mode, policies): the game then simply
  // plays online, without offline play or update prompts.
  wb.register()
    .then((registration) => {
      if (!registration) return;
      // Look for a new version when the player comes back to the game.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void registration.update().catch(() => undefined);
      });
    })
    .catch((error: unknown) => console.warn('[pwa] no service worker', error));
}
