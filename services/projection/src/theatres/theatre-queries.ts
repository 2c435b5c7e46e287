import { stateAsOf, theatreStateView, theatreSummary, type TheatreStateView, type TheatreSummary, type TimeBasis } from '@watchfloor/crisis-state';
import { SCENARIO_THEATRES, type ScenarioTheatre } from '@watchfloor/scenario';
import { formatVector } from '../fold/position-vector';
import type { ProjectionStore } from '../fold/projection-store';

/** A row of the list: the summary, with a name and map bounds for the theatres the system knows by name. */
export type TheatreListing = TheatreSummary & { readonly name?: string; readonly bounds?: ScenarioTheatre['bounds'] };

export interface TheatreList {
  /** When the escalation figures were evaluated: the projection's world clock. */
  readonly evaluatedAt: string;
  readonly position: string;
  readonly theatres: readonly TheatreListing[];
}

const KNOWN_THEATRES: ReadonlyMap<string, ScenarioTheatre> = new Map(Object.values(SCENARIO_THEATRES).map((t) => [t.id, t]));

export interface TheatreStateAnswer {
  readonly theatre: string;
  /** The moment asked for, or null for the live state. */
  readonly asOf: string | null;
  readonly basis: TimeBasis | null;
  readonly evaluatedAt: string;
  /** The log positions the live state covered when this was computed. */
  readonly position: string;
  readonly state: TheatreStateView;
}

/** How many time-travel answers are kept: a dashboard scrubbing a slider asks for the same few again. */
const AS_OF_CACHE = 16;

/**
 * Reads of the theatres for the HTTP API. Time travel never replays Kafka: every theatre keeps its
 * facts in memory, and the state as of T is a fold of those ≤ T (`stateAsOf` on the live state).
 * A few recent answers are cached, keyed by the theatre's event count, so a new event retires them.
 */
export class TheatreQueries {
  private readonly summaries = new Map<string, { readonly key: string; readonly summary: TheatreListing }>();
  private readonly asOfAnswers = new Map<string, TheatreStateView>();

  constructor(
    private readonly store: ProjectionStore,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(): TheatreList {
    const at = this.store.worldClock(this.clock());
    const theatres = this.store.states().map((state) => {
      const key = `${state.applied.size}|${at.getTime()}`;
      const cached = this.summaries.get(state.theatre);
      if (cached?.key === key) return cached.summary;
      const known = KNOWN_THEATRES.get(state.theatre);
      const summary: TheatreListing = { ...theatreSummary(state, at), ...(known && { name: known.name, bounds: known.bounds }) };
      this.summaries.set(state.theatre, { key, summary });
      return summary;
    });
    return { evaluatedAt: at.toISOString(), position: formatVector(this.store.positions()), theatres };
  }

  /** The state of a theatre, live or as of a moment; undefined for a theatre the projection has never seen. */
  state(theatre: string, asOf?: { readonly at: Date; readonly basis: TimeBasis }): TheatreStateAnswer | undefined {
    const live = this.store.state(theatre);
    if (live === undefined) return undefined;
    const position = formatVector(this.store.positions());
    if (asOf === undefined) {
      const at = this.store.worldClock(this.clock());
      return { theatre, asOf: null, basis: null, evaluatedAt: at.toISOString(), position, state: theatreStateView(live, at) };
    }
    const key = `${theatre}|${asOf.at.getTime()}|${asOf.basis}|${live.applied.size}`;
    let view = this.asOfAnswers.get(key);
    if (view === undefined) {
      view = theatreStateView(stateAsOf([], asOf.at, asOf.basis, live), asOf.at);
      this.asOfAnswers.set(key, view);
      if (this.asOfAnswers.size > AS_OF_CACHE) {
        const oldest = this.asOfAnswers.keys().next().value;
        if (oldest !== undefined) this.asOfAnswers.delete(oldest);
      }
    } else {
      this.asOfAnswers.delete(key);
      this.asOfAnswers.set(key, view);
    }
    return { theatre, asOf: asOf.at.toISOString(), basis: asOf.basis, evaluatedAt: asOf.at.toISOString(), position, state: view };
  }
}
