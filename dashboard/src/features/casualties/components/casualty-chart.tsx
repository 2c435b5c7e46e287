import type { TheatreState } from '@watchfloor/crisis-state';
import { memo, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { MEASURE_COLOUR } from '../../../config/palette';
import { pointBudget } from '../../../lib/downsample';
import { humanise } from '../../../lib/format';
import { formatInstant } from '../../../lib/time';
import { timeAxisProps } from '../../../lib/time-scale';
import { casualtyAxisTop, casualtyBands, CHART_MEASURES, claimPoints, lastBand, measureRows, type BandRow, type ChartMeasure, type ClaimPoint } from '../utils/casualty-series';
import { claimText } from '../utils/claim-text';
import { useLagged } from '../../../hooks/use-lagged';
import { ClaimDots } from './claim-dots';

const HEIGHT = 170;
// Kept from one redraw to the next: recharts re-registers a setting given as a new object.
const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 } as const;
const CURSOR = { stroke: '#93a1b0' } as const;

function BandTooltip({ active, payload, measure }: { readonly active?: boolean; readonly payload?: ReadonlyArray<{ readonly payload?: unknown }>; readonly measure: ChartMeasure }) {
  const row = payload?.find((item) => item.payload && typeof item.payload === 'object' && 'range' in item.payload)?.payload as BandRow | undefined;
  if (!active || row === undefined || row.range === null) return null;
  return (
    <div className="tooltip">
      <h4>
        {humanise(measure)} as of {formatInstant(row.t)}
      </h4>
      <div className="num">
        range {row.range[0]}–{row.range[1]}, best {row.best} ({row.sources} source{row.sources === 1 ? '' : 's'})
      </div>
    </div>
  );
}

/**
 * One measure: the range across sources as a band, the best estimate as a line, and every
 * source's claim as a point (hollow when the source gave only a range, crossed out when
 * corrected or retracted). Hover or focus a point for who claimed what, when, and how rated.
 */
interface MeasureData {
  readonly rows: readonly BandRow[];
  readonly claims: readonly ClaimPoint[];
  readonly window: { readonly from: number; readonly to: number };
  readonly width: number;
}

/**
 * Each measure's chart after the one above it by this much: a redraw of a recharts chart is one
 * long task (its store recomputes every scale and point), and two in one task would be twice that.
 */
const STAGGER_MS = 120;

const MeasureChart = memo(function MeasureChart({
  measure,
  data,
  lagMs,
  onHover,
  onOpen,
}: {
  readonly measure: ChartMeasure;
  readonly data: MeasureData;
  readonly lagMs: number;
  readonly onHover: (claim: ClaimPoint | undefined) => void;
  readonly onOpen: (eventId: string) => void;
}) {
  const { rows, claims, window, width } = useLagged(data, lagMs);
  const colour = MEASURE_COLOUR[measure];
  // On a round step, so that the axis holds while the figures grow (see casualtyAxisTop).
  const yTop = casualtyAxisTop(Math.max(1, ...rows.map((r) => r.range?.[1] ?? 0), ...claims.map((c) => c.high)));
  const yDomain = useMemo(() => [0, yTop] as const, [yTop]);
  const tooltip = useMemo(() => <Tooltip content={<BandTooltip measure={measure} />} isAnimationActive={false} cursor={CURSOR} />, [measure]);
  return (
    <ComposedChart width={width} height={HEIGHT} data={rows as BandRow[]} margin={MARGIN}>
      <CartesianGrid vertical={false} strokeDasharray="2 4" />
      <XAxis {...timeAxisProps(window, width)} allowDataOverflow />
      <YAxis domain={yDomain} width={40} stroke="#5d6b7a" allowDecimals={false} interval={0} />
      {tooltip}
      <Area type="stepAfter" dataKey="range" stroke="none" fill={colour} fillOpacity={0.22} isAnimationActive={false} connectNulls={false} />
      {/* An Area without fill draws the same stepped line; recharts' Line measures its path (a forced layout) on every render. */}
      <Area type="stepAfter" dataKey="best" stroke={colour} strokeWidth={2} fill="none" dot={false} isAnimationActive={false} connectNulls={false} />
      <ClaimDots claims={claims} colour={colour} onHover={onHover} onOpen={onOpen} />
    </ComposedChart>
  );
});

export const CasualtyChart = memo(function CasualtyChart({
  state,
  version,
  window,
  width,
  onOpen,
}: {
  readonly state: TheatreState;
  /** Changes when the state (which changes in place) does. */
  readonly version: string;
  readonly window: { readonly from: number; readonly to: number };
  readonly width: number;
  readonly onOpen: (eventId: string) => void;
}) {
  // A step band needs no more than a point per three pixels to look exact; each point is work in
  // both of recharts' synchronous redraws (its data, then its axes), so no more are drawn.
  const budget = pointBudget(width, 1 / 3);
  // Claims are focusable points, each a handful of nodes: one per four pixels is plenty to read.
  const claimBudget = pointBudget(width, 0.25);
  const bands = useMemo(() => casualtyBands(state, { ...window, maxPoints: budget }), [state, version, window, budget]);
  const claims = useMemo(() => claimPoints(state, { ...window, maxPoints: claimBudget }), [state, version, window, claimBudget]);
  const perMeasure = useMemo(
    () => CHART_MEASURES.map((measure) => ({ measure, data: { rows: measureRows(bands, measure), claims: claims.filter((c) => c.measure === measure), window, width } })),
    [bands, claims, window, width],
  );
  const [hovered, setHovered] = useState<ClaimPoint | undefined>(undefined);
  if (bands.length === 0 && claims.length === 0) return <p className="empty">No casualty reports in this window.</p>;
  return (
    <div>
      {perMeasure.map(({ measure, data }, index) => {
        const { rows, claims: measureClaims } = data;
        if (measureClaims.length === 0 && rows.every((r) => r.range === null)) return null;
        const last = lastBand(rows);
        return (
          <figure key={measure} style={{ margin: '0 0 6px' }} aria-label={`${measure} over time${last?.range ? `: now ${last.range[0]}–${last.range[1]}, best ${last.best}` : ''}`}>
            <figcaption className="chart-title">
              <strong style={{ color: MEASURE_COLOUR[measure], textTransform: 'capitalize' }}>{measure}</strong>
              <span>
                <span className="swatch" style={{ display: 'inline-block', width: 14, height: 8, background: MEASURE_COLOUR[measure], opacity: 0.3, marginRight: 4 }} />
                range across sources
              </span>
              <span>— best estimate</span>
              <span>● source claim (○ range only, ✕ corrected or retracted)</span>
            </figcaption>
            <MeasureChart measure={measure} data={data} lagMs={index * STAGGER_MS} onHover={setHovered} onOpen={onOpen} />
          </figure>
        );
      })}
      <p className="muted" aria-live="polite" style={{ minHeight: 36, margin: 0, fontSize: 12 }}>
        {hovered ? claimText(hovered) : 'Hover or focus a point to see who claimed what; click it for the full record.'}
      </p>
    </div>
  );
});
