import type { CountRange, DeploymentPhase } from '@watchfloor/events';
import { compareFacts, insertInOrder, isEffective, type DeploymentFact } from './facts';

/**
 * Deployments, one per force and contributing country ("CSTO" and "CSTO/RU" are two: the
 * alliance's announcement and Russia's contingent in it are reported separately).
 *
 * The phase is that of the latest report that still counts, by occurredAt. Troops, unit kind,
 * requesting party and mission are each the latest one stated, since a report of a new phase
 * often repeats none of them. The whole phase history is kept: a force has a handful of reports,
 * and late or corrected reports need it to recompute.
 */
export interface DeploymentState {
  readonly force: string;
  readonly contributor: string | undefined;
  /** Every report of this force, retracted and superseded ones included, in time order. */
  readonly history: readonly DeploymentFact[];
  /** The latest report that still counts; undefined when all were retracted or superseded. */
  readonly latest: DeploymentFact | undefined;
  readonly phase: DeploymentPhase | undefined;
  readonly troops: CountRange | undefined;
  readonly unitKind: string | undefined;
  readonly requestedBy: string | undefined;
  readonly mission: string | undefined;
}

export interface DeploymentAccumulator extends DeploymentState {
  history: DeploymentFact[];
  latest: DeploymentFact | undefined;
  phase: DeploymentPhase | undefined;
  troops: CountRange | undefined;
  unitKind: string | undefined;
  requestedBy: string | undefined;
  mission: string | undefined;
}

export type DeploymentsAccumulator = Map<string, DeploymentAccumulator>;

/** Phases in which a force is on the ground. */
export const PRESENT_PHASES: ReadonlySet<DeploymentPhase> = new Set(['deploying', 'deployed', 'withdrawing']);

export const deploymentKey = (force: string, contributor: string | undefined): string => `${force}|${contributor ?? ''}`;

export const initialDeployments = (): DeploymentsAccumulator => new Map();

const fold = (deployment: DeploymentAccumulator, fact: DeploymentFact): void => {
  deployment.latest = fact;
  deployment.phase = fact.phase;
  if (fact.troops !== undefined) deployment.troops = fact.troops;
  if (fact.unitKind !== undefined) deployment.unitKind = fact.unitKind;
  if (fact.requestedBy !== undefined) deployment.requestedBy = fact.requestedBy;
  if (fact.mission !== undefined) deployment.mission = fact.mission;
};

const recompute = (deployment: DeploymentAccumulator, supersededBy: ReadonlyMap<string, string>): void => {
  deployment.latest = undefined;
  deployment.phase = undefined;
  deployment.troops = undefined;
  deployment.unitKind = undefined;
  deployment.requestedBy = undefined;
  deployment.mission = undefined;
  for (const fact of deployment.history) if (isEffective(fact, supersededBy)) fold(deployment, fact);
};

export const recordDeployment = (
  deployments: DeploymentsAccumulator,
  fact: DeploymentFact,
  supersededBy: ReadonlyMap<string, string>,
): void => {
  const key = deploymentKey(fact.force, fact.contributor);
  let deployment = deployments.get(key);
  if (deployment === undefined) {
    deployment = {
      force: fact.force,
      contributor: fact.contributor,
      history: [],
      latest: undefined,
      phase: undefined,
      troops: undefined,
      unitKind: undefined,
      requestedBy: undefined,
      mission: undefined,
    };
    deployments.set(key, deployment);
  }
  const appended = insertInOrder(deployment.history, fact);
  if (!isEffective(fact, supersededBy)) return;
  if (appended || deployment.latest === undefined || compareFacts(deployment.latest, fact) < 0) fold(deployment, fact);
  // A late report may state what later ones left out, so it is folded in its place.
  else recompute(deployment, supersededBy);
};

export const reconsiderDeployment = (
  deployments: DeploymentsAccumulator,
  fact: DeploymentFact,
  supersededBy: ReadonlyMap<string, string>,
): void => {
  const deployment = deployments.get(deploymentKey(fact.force, fact.contributor));
  if (deployment !== undefined) recompute(deployment, supersededBy);
};
