import { stateAsOf, theatreStateView, type TheatreState, type TheatreStateView } from '@watchfloor/crisis-state';
import { useEffect, useMemo, useState } from 'react';
import { useThrottled } from '../../../hooks/use-throttled';
import { useServices } from '../../../lib/services';
import { evaluationOf, worldClockOf, type Evaluation, type TimeMode } from '../../../lib/time';
import { getTheatreState, type FetchedTheatreState } from '../api/get-theatre-state';
import type { TheatreStreamSnapshot } from '../stores/theatre-stream';

/**
 * The theatre as the analyst asked to see it: live (the stream's state), or as of a moment.
 *
 * For the past, the query API's view is the source of truth and fills the panels; the charts
 * need the facts themselves, so the browser folds the live state back to the same moment with
 * `stateAsOf` (the same library as the server). When the API cannot answer, the browser's own
 * view stands in and `origin` says so.
 */
export interface TheatreViewResult {
  /** Live, or folded back to the moment; undefined until the stream has a snapshot. */
  readonly state: TheatreState | undefined;
  readonly view: TheatreStateView | undefined;
  readonly evaluation: Evaluation;
  /** Where `view` came from. */
  readonly origin: 'stream' | 'server' | 'browser' | 'none';
  readonly loading: boolean;
  readonly error?: string;
  /** Changes whenever `state` does (derive from it keyed on this). */
  readonly version: string;
}

/** Live views follow the stream at most this often: a view is a walk over the whole state. */
const VIEW_THROTTLE_MS = 500;
/**
 * On this slot of each interval (wall clock): the theatre page gives its charts and headline
 * figures other slots, so that the view's fold never shares a task with them.
 */
const VIEW_SLOT_MS = 125;
/** The index decays by the second; nobody can see it move in ten. A page need not render `now` more often (useSteppedNow). */
export const LIVE_EVALUATION_STEP_MS = 10_000;
const API_DEBOUNCE_MS = 250;
const POLL_WITHOUT_STREAM_MS = 15_000;

/** `worldClockHint`: the server's world clock from the theatre list (other theatres may be ahead of this one). */
export const useTheatreView = (stream: TheatreStreamSnapshot, time: TimeMode, now: number, worldClockHint: number | undefined): TheatreViewResult => {
  const { backend } = useServices();
  const version = useThrottled(stream.version, VIEW_THROTTLE_MS, VIEW_SLOT_MS);
  const live = stream.state;
  const past = time.live ? undefined : time;
  const [fetched, setFetched] = useState<{ key: string; result?: FetchedTheatreState; error?: string } | undefined>(undefined);
  const fetchKey = past ? `${stream.theatre}|${past.at}|${past.basis}` : `${stream.theatre}|live`;
  const needsApi = past !== undefined || live === undefined;

  useEffect(() => {
    if (!needsApi) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      getTheatreState(backend, stream.theatre, past, controller.signal)
        .then((result) => setFetched({ key: fetchKey, result }))
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setFetched({ key: fetchKey, error: error instanceof Error ? error.message : String(error) });
        })
        .finally(() => {
          // Without a stream the live view is polled; a moment in the past does not change.
          if (past === undefined && !controller.signal.aborted) timer = setTimeout(load, POLL_WITHOUT_STREAM_MS);
        });
    };
    timer = setTimeout(load, past ? API_DEBOUNCE_MS : 0);
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
    // `past` is fully described by fetchKey.
  }, [backend, fetchKey, needsApi]);

  const server = fetched?.key === fetchKey ? fetched : undefined;

  const state = useMemo(() => {
    if (past === undefined) return live ?? server?.result?.state;
    if (server?.result?.state) return server.result.state;
    return live && stateAsOf([], new Date(past.at), past.basis, live);
    // `version` stands for the live state's changes in place.
  }, [live, version, past?.at, past?.basis, server]);

  const steppedNow = Math.floor(now / LIVE_EVALUATION_STEP_MS) * LIVE_EVALUATION_STEP_MS;
  const evaluation = evaluationOf(time, steppedNow, worldClockOf(steppedNow, [worldClockHint, live?.lastOccurredAt]));

  const browserView = useMemo(
    () => state && theatreStateView(state, new Date(evaluation.at)),
    [state, version, evaluation.at],
  );

  const serverView = server?.result?.view;
  const useServer = serverView !== undefined && (past !== undefined || live === undefined);
  const view = useServer ? serverView : browserView;
  const origin = useServer ? 'server' : browserView === undefined ? 'none' : past === undefined ? 'stream' : 'browser';
  return {
    state,
    view,
    evaluation,
    origin,
    loading: view === undefined && server === undefined,
    ...(server?.error !== undefined && { error: server.error }),
    version: `${fetchKey}|${version}|${server ? 's' : ''}`,
  };
};
