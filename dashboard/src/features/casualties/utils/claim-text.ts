import { formatRating, humanise } from '../../../lib/format';
import { formatInstant } from '../../../lib/time';
import type { ClaimPoint } from './casualty-series';

/** A claim in words: who claimed what, when, and how the source is rated. */
export const claimText = (claim: ClaimPoint): string => {
  const figure = claim.low === claim.high ? String(claim.best) : `${claim.low}–${claim.high}${claim.bestStated ? ` (best ${claim.best})` : ` (read as ${claim.best})`}`;
  return `${claim.source} claimed ${figure} ${claim.measure}${claim.wording ? ` ("${claim.wording}")` : ''} among ${humanise(claim.group)}, ${claim.cumulative ? 'in total to date' : 'for the period'}, on ${formatInstant(claim.t)}; rated ${formatRating(claim.reliability, claim.credibility)}${claim.status !== 'effective' ? `; ${claim.status}` : ''}`;
};
