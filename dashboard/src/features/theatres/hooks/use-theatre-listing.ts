import { useEffect, useState } from 'react';
import type { TheatreListing } from '../../../lib/backend';
import { useServices } from '../../../lib/services';
import { getTheatres } from '../api/get-theatres';

export interface TheatreListingState {
  readonly theatres: readonly TheatreListing[];
  /** The server's world clock at the last read (epoch ms). */
  readonly evaluatedAt?: number;
  readonly loading: boolean;
  readonly error?: string;
}

/** The theatres, re-read every `pollMs`: new theatres appear without a reload. */
export const useTheatreListing = (pollMs = 30_000): TheatreListingState => {
  const { backend } = useServices();
  const [state, setState] = useState<TheatreListingState>({ theatres: [], loading: true });
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      getTheatres(backend, controller.signal)
        .then((list) => setState({ theatres: list.theatres, loading: false, ...(list.evaluatedAt !== undefined && { evaluatedAt: list.evaluatedAt }) }))
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          setState((previous) => ({ ...previous, loading: false, error: error instanceof Error ? error.message : String(error) }));
        })
        .finally(() => {
          if (!controller.signal.aborted) timer = setTimeout(load, pollMs);
        });
    };
    load();
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [backend, pollMs]);
  return state;
};
