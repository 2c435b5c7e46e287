import { useEffect } from 'react';
import type { HashRouter, Route } from '../lib/hash-route';
import { LIVE } from '../lib/time';

const HOUR = 3600_000;

/** Whether the key went to a field that wants typing. */
const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));

/**
 * Keys for a room where hands are on the keyboard:
 * L live · [ and ] an hour back or on (in the past) · / search the feed · 1–9 open a theatre ·
 * O back to the overview · ? the key list.
 */
export const useShortcuts = (router: HashRouter, theatres: readonly string[], toggleHelp: () => void): void => {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const route: Route = router.getSnapshot();
      if (document.querySelector('[role="dialog"]')) return;
      const go = (next: Route): void => {
        event.preventDefault();
        router.navigate(next);
      };
      switch (event.key) {
        case 'l':
        case 'L':
          return go({ ...route, time: LIVE });
        case '[':
        case ']': {
          const step = event.key === '[' ? -HOUR : HOUR;
          const at = route.time.live ? Date.now() : route.time.at;
          const basis = route.time.live ? 'recorded' : route.time.basis;
          return go({ ...route, time: { live: false, at: at + step, basis } });
        }
        case '/': {
          const search = document.querySelector<HTMLInputElement>('input[type="search"]');
          if (search) {
            event.preventDefault();
            search.focus();
          }
          return;
        }
        case 'o':
        case 'O':
          if (route.page.name === 'theatre') go({ page: { name: 'overview' }, time: route.time });
          return;
        case '?':
          event.preventDefault();
          toggleHelp();
          return;
        default: {
          const n = Number(event.key);
          const theatre = Number.isInteger(n) && n >= 1 ? theatres[n - 1] : undefined;
          if (theatre !== undefined && route.page.name === 'overview') go({ page: { name: 'theatre', theatre }, time: route.time });
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, theatres, toggleHelp]);
};
