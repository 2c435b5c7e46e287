import { CASUALTY_GROUPS, type CasualtyGroup, type CountRange, type DeploymentPhase, type ProtestStage, type Reliability, type Stance } from '@watchfloor/events';
import { type CasualtyEstimate, type CasualtyFigures, type CasualtyGroupState } from './casualties';
import { PRESENT_PHASES } from './deployments';
import { escalationIndex, type EscalationBand, type EscalationIndex } from './escalation';
import { isEffective, type EventFact } from './facts';
import type { TheatreState } from './theatre-state';

/**
 * Read models of a theatre state as plain JSON: what the query API and the dashboard show.
 * Times are ISO strings, collections are arrays in a fixed order (the same state always gives
 * the same JSON), and long histories are cut to their latest entries.
 */

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

// ---- the theatres list -------------------------------------------------------------------------

export interface TheatreSummary {
  readonly theatre: string;
  readonly escalation: { readonly value: number; readonly band: EscalationBand };
  readonly killed?: CasualtyEstimate;
  readonly injured?: CasualtyEstimate;
  /** Forces (by name) with a contingent deploying, deployed or withdrawing. */
  readonly forcesDeployed: number;
  readonly latestAssessment?: {
    readonly eventId: string;
    readonly assessor: string;
    readonly assessment: string;
    readonly occurredAt: string;
  };
  readonly eventCount: number;
  readonly lastOccurredAt?: string;
}

/** Forces with a contingent on the ground. */
export const forcesDeployed = (state: TheatreState): number => {
  const forces = new Set<string>();
  for (const deployment of state.deployments.values()) {
    if (deployment.phase !== undefined && PRESENT_PHASES.has(deployment.phase)) forces.add(deployment.force);
  }
  return forces.size;
};

/**
 * One line of the theatres list. `at` is when the escalation index is evaluated (usually now);
 * for the theatre as it was at some moment, take `stateAsOf` first.
 */
export const theatreSummary = (state: TheatreState, at: Date): TheatreSummary => {
  const { value, band } = escalationIndex(state, at, { explain: 0 });
  const latest = state.assessments.latest;
  return {
    theatre: state.theatre,
    escalation: { value, band },
    killed: state.casualties.killed,
    injured: state.casualties.injured,
    forcesDeployed: forcesDeployed(state),
    latestAssessment: latest && {
      eventId: latest.id,
      assessor: latest.assessor,
      assessment: latest.assessment,
      occurredAt: new Date(latest.occurredAt).toISOString(),
    },
    eventCount: state.applied.size,
    lastOccurredAt: iso(state.lastOccurredAt),
  };
};

// ---- the whole state ---------------------------------------------------------------------------

/** Whether an event still counts, and if not, why. */
export interface EventStatus {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly status: 'effective' | 'superseded' | 'retracted';
  readonly supersededBy?: string;
}

export interface ProtestReportView extends EventStatus {
  readonly stage: ProtestStage;
  readonly place?: string;
  readonly country?: string;
}

export interface DeploymentView {
  readonly force: string;
  readonly contributor?: string;
  readonly phase?: DeploymentPhase;
  readonly since?: string;
  readonly troops?: CountRange;
  readonly unitKind?: string;
  readonly requestedBy?: string;
  readonly mission?: string;
  readonly history: ReadonlyArray<EventStatus & { readonly phase: DeploymentPhase }>;
}

export interface ClaimView {
  readonly source: string;
  readonly reliability: Reliability;
  readonly credibility: number;
  readonly killed?: CasualtyFigures;
  readonly injured?: CasualtyFigures;
  readonly detained?: CasualtyFigures;
  readonly wording?: string;
  readonly lastOccurredAt?: string;
  readonly reports: readonly EventStatus[];
}

export interface CasualtyGroupView {
  readonly group: CasualtyGroup;
  readonly killed?: CasualtyEstimate;
  readonly injured?: CasualtyEstimate;
  readonly detained?: CasualtyEstimate;
  readonly claims: readonly ClaimView[];
}

export interface StatementView extends EventStatus {
  readonly speaker: string;
  readonly country: string;
  readonly target?: string;
  readonly stance: Stance;
  readonly quote?: string;
  readonly respondsTo?: string;
  readonly responses: readonly string[];
}

export interface MeetingView extends EventStatus {
  readonly format: string;
  readonly outcome: string;
  readonly parties: readonly string[];
  readonly venue?: string;
}

export interface AssessmentView extends EventStatus {
  readonly assessor: string;
  readonly assessment: string;
  readonly summary: string;
}

export interface TheatreStateView {
  readonly theatre: string;
  readonly eventCount: number;
  readonly lastOccurredAt?: string;
  readonly lastRecordedAt?: string;
  readonly escalation: EscalationIndex;
  readonly protests: {
    readonly stage?: ProtestStage;
    readonly places: readonly ProtestReportView[];
    readonly history: readonly ProtestReportView[];
  };
  readonly deployments: readonly DeploymentView[];
  readonly casualties: {
    readonly killed?: CasualtyEstimate;
    readonly injured?: CasualtyEstimate;
    readonly detained?: CasualtyEstimate;
    readonly groups: readonly CasualtyGroupView[];
  };
  readonly diplomacy: { readonly meetings: readonly MeetingView[]; readonly statements: readonly StatementView[] };
  readonly assessment?: AssessmentView;
  readonly assessments: readonly AssessmentView[];
}

export interface ViewOptions {
  /** Latest entries kept of each history (protests, a force's phases, statements…). Default 50. */
  readonly historyLimit?: number;
  /** Escalation contributions explained. Default 10. */
  readonly explain?: number;
}

const statusOf = (state: TheatreState, fact: EventFact): EventStatus => {
  const supersededBy = state.supersededBy.get(fact.id);
  return {
    eventId: fact.id,
    occurredAt: new Date(fact.occurredAt).toISOString(),
    status: isEffective(fact, state.supersededBy) ? 'effective' : supersededBy !== undefined ? 'superseded' : 'retracted',
    ...(supersededBy !== undefined && { supersededBy }),
  };
};

const latestOf = <T>(history: readonly T[], limit: number): readonly T[] => (history.length > limit ? history.slice(-limit) : history);

const byKey = <T>(entries: Iterable<[string, T]>): T[] =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);

const protestView = (state: TheatreState, fact: EventFact & { readonly stage: ProtestStage }): ProtestReportView => ({
  ...statusOf(state, fact),
  stage: fact.stage,
  place: fact.place,
  country: fact.country,
});

const groupView = (state: TheatreState, group: CasualtyGroup, groupState: CasualtyGroupState, limit: number): CasualtyGroupView => ({
  group,
  killed: groupState.killed,
  injured: groupState.injured,
  detained: groupState.detained,
  claims: byKey(groupState.claims.entries()).map((claim) => ({
    source: claim.source,
    reliability: claim.reliability,
    credibility: claim.credibility,
    killed: claim.killed,
    injured: claim.injured,
    detained: claim.detained,
    wording: claim.wording,
    lastOccurredAt: iso(claim.latest?.occurredAt),
    reports: latestOf(claim.history, limit).map((fact) => statusOf(state, fact)),
  })),
});

/** The whole state of a theatre, as the query API serves it. */
export const theatreStateView = (state: TheatreState, at: Date, options: ViewOptions = {}): TheatreStateView => {
  const limit = options.historyLimit ?? 50;
  const assessmentView = (fact: NonNullable<TheatreState['assessments']['latest']>): AssessmentView => ({
    ...statusOf(state, fact),
    assessor: fact.assessor,
    assessment: fact.assessment,
    summary: fact.summary,
  });
  const latestAssessment = state.assessments.latest;
  return {
    theatre: state.theatre,
    eventCount: state.applied.size,
    lastOccurredAt: iso(state.lastOccurredAt),
    lastRecordedAt: iso(state.lastRecordedAt),
    escalation: escalationIndex(state, at, { explain: options.explain ?? 10 }),
    protests: {
      stage: state.protests.stage,
      places: byKey(state.protests.byPlace.entries()).map((fact) => protestView(state, fact)),
      history: latestOf(state.protests.history, limit).map((fact) => protestView(state, fact)),
    },
    deployments: byKey(state.deployments.entries()).map((deployment) => ({
      force: deployment.force,
      contributor: deployment.contributor,
      phase: deployment.phase,
      since: iso(deployment.latest?.occurredAt),
      troops: deployment.troops,
      unitKind: deployment.unitKind,
      requestedBy: deployment.requestedBy,
      mission: deployment.mission,
      history: latestOf(deployment.history, limit).map((fact) => ({ ...statusOf(state, fact), phase: fact.phase })),
    })),
    casualties: {
      killed: state.casualties.killed,
      injured: state.casualties.injured,
      detained: state.casualties.detained,
      groups: CASUALTY_GROUPS.map((group) => groupView(state, group, state.casualties.groups[group], limit))
        .filter((group) => group.claims.length > 0),
    },
    diplomacy: {
      meetings: latestOf(state.diplomacy.meetings, limit).map((fact) => ({
        ...statusOf(state, fact),
        format: fact.format,
        outcome: fact.outcome,
        parties: fact.parties,
        venue: fact.venue,
      })),
      statements: latestOf(state.diplomacy.statements, limit).map((fact) => ({
        ...statusOf(state, fact),
        speaker: fact.speaker,
        country: fact.speakerCountry,
        target: fact.target,
        stance: fact.stance,
        quote: fact.quote,
        respondsTo: fact.respondsTo,
        responses: (state.diplomacy.responses.get(fact.id) ?? []).map((answer) => answer.id),
      })),
    },
    assessment: latestAssessment && assessmentView(latestAssessment),
    assessments: latestOf(state.assessments.history, limit).map(assessmentView),
  };
};
