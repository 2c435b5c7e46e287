import { deserialiseState, type TheatreState, type TheatreStateView, type TimeBasis } from '@watchfloor/crisis-state';
import type { Backend } from '../../../lib/backend';

export interface FetchedTheatreState {
  readonly view: TheatreStateView;
  /** Restored from the response when the server sends the serialised state too. */
  readonly state?: TheatreState;
}

/** GET /api/theatres/{id}/state, live or as of a moment: the query API is the source of truth for the past. */
export const getTheatreState = async (
  backend: Backend,
  theatre: string,
  asOf: { readonly at: number; readonly basis: TimeBasis } | undefined,
  signal?: AbortSignal,
): Promise<FetchedTheatreState> => {
  const response = await backend.theatreState(theatre, asOf && new Date(asOf.at), asOf?.basis, signal);
  const restored = response.state && deserialiseState(response.state);
  return { view: response.view, ...(restored?.ok && { state: restored.state }) };
};
