import type { CountRange, DeploymentPhase } from '@watchfloor/events';
import { compareFacts, insertInOrder, isEffective, type DeploymentFact } from './facts';

/**
 * Deployments, one per force and contributing country ("CSTO" and "CSTO/RU" are two: the
 * alliance's announcement and Russia's contingent in it are reported separately).
 *
 * The phase is that of the latest report that still counts, by occurredAt. Troops, unit kind,
 * requesting party and mission are each the latest one stated, since a report of a new phase
 * often repeats none of them. The whole phase history is kept (a long-running force gathers
 * thousands of reports): corrections need it to recompute, and late reports to be placed.
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
  else foldLate(deployment, fact, supersededBy);
};

/**
 * A report that counts and lands before the latest one: the phase stays the latest's, and each
 * detail it states is taken only if no report after it that counts states that detail too. Walks
 * back from the end to the report, so the cost is how late it is, not how long the history is (a
 * long-running force gathers thousands of reports, and a log read with several sends in flight
 * delivers some of them late).
 */
const foldLate = (deployment: DeploymentAccumulator, fact: DeploymentFact, supersededBy: ReadonlyMap<string, string>): void => {
  let troops = fact.troops !== undefined;
  let unitKind = fact.unitKind !== undefined;
  let requestedBy = fact.requestedBy !== undefined;
  let mission = fact.mission !== undefined;
  for (let i = deployment.history.length - 1; i >= 0; i -= 1) {
    const later = deployment.history[i];
    if (later === undefined || later === fact || !(troops || unitKind || requestedBy || mission)) break;
    if (!isEffective(later, supersededBy)) continue;
    if (later.troops !== undefined) troops = false;
    if (later.unitKind !== undefined) unitKind = false;
    if (later.requestedBy !== undefined) requestedBy = false;
    if (later.mission !== undefined) mission = false;
  }
  if (troops) deployment.troops = fact.troops;
  if (unitKind) deployment.unitKind = fact.unitKind;
  if (requestedBy) deployment.requestedBy = fact.requestedBy;
  if (mission) deployment.mission = fact.mission;
};

export const reconsiderDeployment = (
  deployments: DeploymentsAccumulator,
  fact: DeploymentFact,
  supersededBy: ReadonlyMap<string, string>,
): void => {
  const deployment = deployments.get(deploymentKey(fact.force, fact.contributor));
  if (deployment !== undefined) recompute(deployment, supersededBy);
};
