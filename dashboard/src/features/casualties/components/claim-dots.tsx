import { memo } from 'react';
import { DefaultZIndexes, useXAxisScale, useYAxisScale, ZIndexLayer } from 'recharts';
import { linearOf, type Linear } from '../../../lib/linear';
import { claimText } from '../utils/claim-text';
import type { ClaimPoint } from '../utils/casualty-series';

interface DotsProps {
  readonly claims: readonly ClaimPoint[];
  readonly colour: string;
  /** Pixel position of a time and of a figure (from the chart's own scales). */
  readonly x: Linear;
  readonly y: Linear;
  readonly onHover: (claim: ClaimPoint | undefined) => void;
  readonly onOpen: (eventId: string) => void;
}

/**
 * One claim: a focusable point (hollow when the source gave only a range, crossed out when
 * corrected or retracted). Memoised on its own so a redraw of the chart touches only the
 * points that moved, and never rebuilds their accessible names.
 */
const ClaimDot = memo(function ClaimDot({
  claim,
  cx,
  cy,
  colour,
  onHover,
  onOpen,
}: {
  readonly claim: ClaimPoint;
  readonly cx: number;
  readonly cy: number;
  readonly colour: string;
  readonly onHover: (claim: ClaimPoint | undefined) => void;
  readonly onOpen: (eventId: string) => void;
}) {
  const struck = claim.status !== 'effective';
  return (
    <g
      tabIndex={0}
      role="button"
      aria-label={`${claimText(claim)}. Open event.`}
      style={{ cursor: 'pointer' }}
      onMouseEnter={() => onHover(claim)}
      onMouseLeave={() => onHover(undefined)}
      onFocus={() => onHover(claim)}
      onBlur={() => onHover(undefined)}
      onClick={() => onOpen(claim.eventId)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(claim.eventId);
        }
      }}
    >
      <circle cx={cx} cy={cy} r={5.5} fill={claim.bestStated ? colour : '#111821'} stroke={colour} strokeWidth={2} opacity={struck ? 0.5 : 1} />
      {struck && <line x1={cx - 7} y1={cy - 7} x2={cx + 7} y2={cy + 7} stroke="#e8eef4" strokeWidth={1.5} />}
    </g>
  );
});

// Pixels are rounded to a tenth: a point that moved less than that is not redrawn.
const px = (n: number): number => Math.round(n * 10) / 10;

const Dots = memo(function Dots({ claims, colour, x, y, onHover, onOpen }: DotsProps) {
  return (
    <g className="claims">
      {claims.map((claim) => (
        <ClaimDot key={`${claim.eventId}-${claim.measure}`} claim={claim} cx={px(x.at(claim.t))} cy={px(y.at(claim.best))} colour={colour} onHover={onHover} onOpen={onOpen} />
      ))}
    </g>
  );
}, (a, b) => a.claims === b.claims && a.colour === b.colour && a.x.key === b.x.key && a.y.key === b.y.key && a.onHover === b.onHover && a.onOpen === b.onOpen);

/**
 * Every source's claim as a point, drawn inside a recharts chart on the chart's own scales, but
 * as one memoised layer of plain SVG: recharts' Scatter does per-point work on every render
 * (and a new shape component per render remounts every point), which a live chart cannot afford.
 */
export function ClaimDots({ claims, colour, onHover, onOpen }: Omit<DotsProps, 'x' | 'y'>) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const first = claims[0];
  if (first === undefined || xScale === undefined || yScale === undefined) return null;
  // Sampled an hour apart near the points: a millisecond apart, the pixels would differ by too little to keep their precision.
  const x = linearOf((t) => xScale(t), first.t, 3_600_000);
  const y = linearOf((v) => yScale(v), 0);
  if (x === undefined || y === undefined) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <Dots claims={claims} colour={colour} x={x} y={y} onHover={onHover} onOpen={onOpen} />
    </ZIndexLayer>
  );
}
