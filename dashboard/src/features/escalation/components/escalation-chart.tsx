import type { EscalationContribution, TheatreState } from '@watchfloor/crisis-state';
import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, DefaultZIndexes, ReferenceLine, Tooltip, usePlotArea, useYAxisScale, XAxis, YAxis, ZIndexLayer } from 'recharts';
import { BandChip } from '../../../components/chips';
import { BAND_COLOUR, TYPE_COLOUR, TYPE_LABEL } from '../../../config/palette';
import { bandRanges, type IndexPoint } from '../../../lib/index-series';
import { linearOf, type Linear } from '../../../lib/linear';
import { formatInstant } from '../../../lib/time';
import { timeAxisProps } from '../../../lib/time-scale';
import { escalationChartSeries, whyAt, type ChartWindow } from '../utils/escalation-chart-data';

const HEIGHT = 220;
// Props recharts compares by identity, made once: a new margin, domain or ticks array on a redraw
// re-registers the setting in the chart's store, and every scale and point is computed again.
const MARGIN = { top: 12, right: 8, bottom: 0, left: 0 } as const;
const Y_DOMAIN = [0, 100] as const;
const Y_TICKS = [0, 20, 40, 60, 80, 100] as const;
const CURSOR = { stroke: '#93a1b0' } as const;

function IndexTooltip({ active, payload, state }: { readonly active?: boolean; readonly payload?: ReadonlyArray<{ readonly payload?: unknown }>; readonly state: TheatreState }) {
  const point = payload?.[0]?.payload as IndexPoint | undefined;
  if (!active || point === undefined) return null;
  const why = whyAt(state, point.t, 3);
  return (
    <div className="tooltip">
      <h4 className="num">
        {formatInstant(point.t)}: {point.value.toFixed(1)} <BandChip band={point.band} />
      </h4>
      {why.length > 0 && (
        <ul>
          {why.map((c) => (
            <li key={c.eventId}>
              {c.decayed > 0 ? '+' : ''}
              {c.decayed.toFixed(1)} pts — {c.summary}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const BandRects = memo(function BandRects({ left, width, top, bottom, y }: { readonly left: number; readonly width: number; readonly top: number; readonly bottom: number; readonly y: Linear }) {
  return (
    <g className="index-bands">
      {bandRanges().map((b) => {
        // Clipped to the plot, as the index's axis may not reach the top band.
        const y1 = Math.max(top, Math.min(bottom, y.at(b.to)));
        const y2 = Math.max(top, Math.min(bottom, y.at(b.from)));
        return <rect key={b.band} x={left} y={y1} width={width} height={Math.max(0, y2 - y1)} fill={BAND_COLOUR[b.band]} fillOpacity={0.1} />;
      })}
    </g>
  );
}, (a, b) => a.left === b.left && a.width === b.width && a.top === b.top && a.bottom === b.bottom && a.y.key === b.y.key);

/**
 * The alert bands behind the index, as plain SVG on the chart's own scale: as recharts
 * ReferenceAreas, each redraw of the chart dispatched eight updates through its store.
 */
function BandBackdrop() {
  const plot = usePlotArea();
  const yScale = useYAxisScale();
  const y = yScale && linearOf((v) => yScale(v), 0, 100);
  if (plot === undefined || y === undefined) return null;
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.area - 1}>
      <BandRects left={plot.x} width={plot.width} top={plot.y} bottom={plot.y + plot.height} y={y} />
    </ZIndexLayer>
  );
}

/** The escalation index over the window, with its alert bands behind it. */
export const EscalationChart = memo(function EscalationChart({
  state,
  version,
  window,
  width,
  at,
}: {
  readonly state: TheatreState;
  /** Changes when the state (which changes in place) does. */
  readonly version: string;
  readonly window: ChartWindow;
  readonly width: number;
  /** The moment the page is evaluated at: marked with a line. */
  readonly at: number;
}) {
  // `version` stands for the state's changes in place.
  const series = useMemo(() => escalationChartSeries(state, window, width), [state, version, window, width]);
  const last = series[series.length - 1];
  // Elements kept while their inputs hold: recharts re-registers a ReferenceLine (two updates of
  // its store) and a Tooltip whenever they render with new props.
  const tooltip = useMemo(() => <Tooltip content={<IndexTooltip state={state} />} isAnimationActive={false} cursor={CURSOR} />, [state]);
  const marker = useMemo(() => <ReferenceLine x={at} stroke="#e8eef4" strokeDasharray="3 3" ifOverflow="hidden" />, [at]);
  return (
    <figure style={{ margin: 0 }} aria-label={last ? `Escalation index over time; ${last.value.toFixed(1)}, ${last.band}, at ${formatInstant(last.t)}` : 'Escalation index over time'}>
      <ComposedChart width={width} height={HEIGHT} data={series} margin={MARGIN}>
        <BandBackdrop />
        <CartesianGrid vertical={false} strokeDasharray="2 4" />
        <XAxis {...timeAxisProps(window, width)} />
        <YAxis domain={Y_DOMAIN} ticks={Y_TICKS} width={36} stroke="#5d6b7a" interval={0} />
        {tooltip}
        {marker}
        {/* An Area without fill draws the same line; recharts' Line measures its path (a forced layout) on every render. */}
        <Area type="monotone" dataKey="value" stroke="#e8eef4" strokeWidth={2} fill="none" dot={false} isAnimationActive={false} />
      </ComposedChart>
      <div className="legend" aria-hidden="true">
        {bandRanges().map((b) => (
          <span key={b.band}>
            <span className="swatch" style={{ background: BAND_COLOUR[b.band] }} />
            {b.band} {b.from}–{b.to}
          </span>
        ))}
      </div>
    </figure>
  );
});

/** "Why": the contributions behind the index, each a way into its event. */
export const WhyList = memo(function WhyList({ contributions, onOpen }: { readonly contributions: readonly EscalationContribution[]; readonly onOpen: (eventId: string) => void }) {
  if (contributions.length === 0) return <p className="empty">No event weighs on the index now.</p>;
  const largest = Math.max(...contributions.map((c) => Math.abs(c.decayed)), 0.001);
  return (
    <ol className="why" aria-label="Largest contributions to the index">
      {contributions.map((c) => (
        <li key={c.eventId}>
          <button type="button" onClick={() => onOpen(c.eventId)} aria-label={`${c.decayed.toFixed(1)} points: ${c.summary}. Open event.`}>
            <span className="num" style={{ color: c.decayed < 0 ? 'var(--green)' : 'var(--orange)' }}>
              {c.decayed > 0 ? '+' : ''}
              {c.decayed.toFixed(1)}
            </span>
            <span>
              <span className="tag tag-type" style={{ background: TYPE_COLOUR[c.type] }}>
                {TYPE_LABEL[c.type]}
              </span>{' '}
              {c.summary}
              <span
                className="bar"
                style={{
                  display: 'block',
                  width: `${(Math.abs(c.decayed) / largest) * 100}%`,
                  background: c.decayed < 0 ? 'var(--green)' : 'var(--orange)',
                  marginTop: 3,
                }}
              />
            </span>
            <span className="muted num" style={{ fontSize: 11 }}>
              {formatInstant(Date.parse(c.occurredAt))}
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
});
