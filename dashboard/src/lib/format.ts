import type { CountRange, Reliability } from '@watchfloor/events';

/** "24–111 (best 49)"; "12"; "—". A range is never collapsed to one figure unless it is one. */
export const formatRange = (range: { readonly low?: number; readonly best?: number; readonly high?: number } | undefined): string => {
  if (range === undefined) return '—';
  const { low, best, high } = range;
  const span = low !== undefined && high !== undefined ? (low === high ? String(low) : `${low}–${high}`) : undefined;
  if (span !== undefined && best !== undefined && !(low === best && high === best)) return `${span} (best ${best})`;
  return span ?? (best !== undefined ? String(best) : `${low ?? '?'}–${high ?? '?'}`);
};

export const formatCount = (range: CountRange | undefined): string => formatRange(range);

export const RELIABILITY_TEXT: Readonly<Record<Reliability, string>> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

export const CREDIBILITY_TEXT: Readonly<Record<number, string | undefined>> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

/** "B2 (usually reliable, probably true)". */
export const formatRating = (reliability: Reliability, credibility: number): string =>
  `${reliability}${credibility} (${RELIABILITY_TEXT[reliability]}, ${CREDIBILITY_TEXT[credibility] ?? 'unknown credibility'})`;

export const humanise = (token: string): string => token.replace(/[._]/g, ' ');

/** "1 source", "2 sources". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Figures for a headline: 353, 6.0k, 73k, 1.2M; the exact figure goes in a tooltip. */
export const compact = (n: number): string => {
  const abs = Math.abs(n);
  if (abs < 10_000) return String(n);
  if (abs < 1_000_000) return `${(n / 1000).toFixed(abs < 100_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
};
