import type { EscalationBand } from '@watchfloor/crisis-state';
import type { DeploymentPhase, EventType, ProtestStage } from '@watchfloor/events';

/**
 * Okabe–Ito: eight colours told apart with every common colour-vision deficiency. Meaning never
 * rides on colour alone: bands, stages and types are also named in text, and map markers differ
 * in shape.
 */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  grey: '#9AA3AD',
} as const;

const c = OKABE_ITO;

export const BAND_COLOUR: Readonly<Record<EscalationBand, string>> = {
  low: c.bluishGreen,
  guarded: c.skyBlue,
  elevated: c.yellow,
  high: c.orange,
  severe: c.vermillion,
};

export const STAGE_COLOUR: Readonly<Record<ProtestStage, string>> = {
  peaceful: c.skyBlue,
  with_intervention: c.yellow,
  violent: c.orange,
  riot: c.vermillion,
};

export const PHASE_COLOUR: Readonly<Record<DeploymentPhase, string>> = {
  announced: c.yellow,
  deploying: c.orange,
  deployed: c.vermillion,
  withdrawing: c.reddishPurple,
  withdrawn: c.grey,
};

export const TYPE_COLOUR: Readonly<Record<EventType, string>> = {
  'protest.escalated': c.orange,
  'troops.deployed': c.skyBlue,
  'casualties.reported': c.vermillion,
  'diplomacy.meeting': c.bluishGreen,
  'diplomacy.statement': c.reddishPurple,
  'situation.assessed': c.yellow,
};

export const TYPE_LABEL: Readonly<Record<EventType, string>> = {
  'protest.escalated': 'Protest',
  'troops.deployed': 'Deployment',
  'casualties.reported': 'Casualties',
  'diplomacy.meeting': 'Meeting',
  'diplomacy.statement': 'Statement',
  'situation.assessed': 'Assessment',
};

/** Measures on the casualty chart. */
export const MEASURE_COLOUR = { killed: c.vermillion, injured: c.orange } as const;

/** The colour of time travel: every surface that shows the past carries it. */
export const PAST_COLOUR = c.yellow;
