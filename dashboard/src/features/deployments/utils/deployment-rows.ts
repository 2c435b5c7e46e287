import type { DeploymentView } from '@watchfloor/crisis-state';
import type { CountRange, DeploymentPhase } from '@watchfloor/events';
import { formatRange } from '../../../lib/format';

/**
 * Deployments as rows on a timeline: one per force and contributing country, its phases as
 * segments from each report that still counts to the next (the last one runs to the window's
 * end), and every report, corrections included, as a mark.
 */

export interface PhaseSegment {
  readonly from: number;
  readonly to: number;
  readonly phase: DeploymentPhase;
  readonly eventId: string;
}

export interface PhaseMark {
  readonly t: number;
  readonly phase: DeploymentPhase;
  readonly eventId: string;
  readonly status: 'effective' | 'superseded' | 'retracted';
}

export interface DeploymentRow {
  readonly key: string;
  readonly force: string;
  readonly contributor?: string;
  readonly phase?: DeploymentPhase;
  readonly troops: string;
  readonly troopRange?: CountRange;
  readonly unitKind?: string;
  readonly requestedBy?: string;
  readonly mission?: string;
  readonly since?: number;
  readonly segments: readonly PhaseSegment[];
  readonly marks: readonly PhaseMark[];
}

const PRESENT = new Set<DeploymentPhase>(['deploying', 'deployed', 'withdrawing']);

/**
 * The rows worth a glance first: forces on the ground, then the most recently reported. A
 * theatre with dozens of contingents shows the top `limit`; the caller says how many are left.
 */
export const mostRelevant = (rows: readonly DeploymentRow[], limit: number): { readonly shown: DeploymentRow[]; readonly hidden: number } => {
  const ranked = [...rows].sort(
    (a, b) => Number(b.phase !== undefined && PRESENT.has(b.phase)) - Number(a.phase !== undefined && PRESENT.has(a.phase)) || (b.since ?? 0) - (a.since ?? 0),
  );
  return { shown: ranked.slice(0, limit), hidden: Math.max(0, ranked.length - limit) };
};

export const deploymentRows = (deployments: readonly DeploymentView[], to: number): DeploymentRow[] =>
  deployments.map((deployment) => {
    const history = [...deployment.history]
      .map((entry) => ({ ...entry, t: Date.parse(entry.occurredAt) }))
      .filter((entry) => entry.t <= to)
      .sort((a, b) => a.t - b.t);
    const effective = history.filter((entry) => entry.status === 'effective');
    const segments = effective.map((entry, i) => ({
      from: entry.t,
      to: Math.max(entry.t, effective[i + 1]?.t ?? to),
      phase: entry.phase,
      eventId: entry.eventId,
    }));
    return {
      key: `${deployment.force}|${deployment.contributor ?? ''}`,
      force: deployment.force,
      ...(deployment.contributor && { contributor: deployment.contributor }),
      ...(deployment.phase && { phase: deployment.phase }),
      troops: deployment.troops ? formatRange(deployment.troops) : 'size not stated',
      ...(deployment.troops && { troopRange: deployment.troops }),
      ...(deployment.unitKind && { unitKind: deployment.unitKind }),
      ...(deployment.requestedBy && { requestedBy: deployment.requestedBy }),
      ...(deployment.mission && { mission: deployment.mission }),
      ...(deployment.since && { since: Date.parse(deployment.since) }),
      segments,
      marks: history.map((entry) => ({ t: entry.t, phase: entry.phase, eventId: entry.eventId, status: entry.status })),
    };
  });
