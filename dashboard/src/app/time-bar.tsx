import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { TimeBanner } from '../features/time-travel/components/time-banner';
import { TimeControls } from '../features/time-travel/components/time-controls';
import type { ClockSpans } from '../features/time-travel/utils/time-range';
import { useNow } from '../hooks/use-clock';
import { useRoute } from '../hooks/use-route';
import { useServices } from '../lib/services';
import { LIVE, type TimeMode } from '../lib/time';

/**
 * The time controls live in the shell, so they and the banner stay on screen whatever page is
 * loading; each page says what span of time it holds, and the slider runs over that.
 */
const SpansContext = createContext<(spans: ClockSpans) => void>(() => undefined);

/** A page publishes the clock spans of what it shows. */
export const usePublishSpans = (spans: ClockSpans): void => {
  const publish = useContext(SpansContext);
  useEffect(() => publish(spans), [publish, spans]);
};

/** The sticky top of the page (`header`, the time controls, the banner), then the page itself. */
export function TimeShell({ header, children }: { readonly header: ReactNode; readonly children: ReactNode }) {
  const route = useRoute();
  const { router } = useServices();
  const now = useNow();
  const [spans, setSpans] = useState<ClockSpans>({});
  const setTime = (time: TimeMode, options?: { readonly replace?: boolean }): void => router.navigate({ ...route, time }, options);
  return (
    <SpansContext.Provider value={setSpans}>
      <div className="sticky-top">
        {header}
        <div className="time-bar">
          <TimeControls time={route.time} spans={spans} now={now} onChange={setTime} />
        </div>
        <TimeBanner time={route.time} onLive={() => setTime(LIVE)} />
      </div>
      {children}
    </SpansContext.Provider>
  );
}
