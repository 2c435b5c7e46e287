import { ESCALATION_BANDS } from '@watchfloor/crisis-state';
import type { IndexPoint } from '../../../lib/index-series';
import { BAND_COLOUR } from '../../../config/palette';

/** The index's recent course, 0–100, in a small SVG (too small for a charting library's weight). */
export function Sparkline({ points, width = 150, height = 44, label }: { readonly points: readonly IndexPoint[]; readonly width?: number; readonly height?: number; readonly label: string }) {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return <svg width={width} height={height} role="img" aria-label={`${label}: no data`} />;
  const span = Math.max(1, last.t - first.t);
  const x = (t: number): number => ((t - first.t) / span) * (width - 2) + 1;
  const y = (v: number): number => height - 2 - (v / 100) * (height - 4);
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join('');
  return (
    <svg width={width} height={height} role="img" aria-label={label}>
      {ESCALATION_BANDS.slice(1).map((band) => (
        <line key={band.band} x1={0} x2={width} y1={y(band.from)} y2={y(band.from)} stroke={BAND_COLOUR[band.band]} strokeOpacity={0.25} strokeDasharray="2 3" />
      ))}
      <path d={`${d}L${x(last.t)},${height}L${x(first.t)},${height}Z`} fill={BAND_COLOUR[last.band]} fillOpacity={0.12} />
      <path d={d} fill="none" stroke={BAND_COLOUR[last.band]} strokeWidth={2} />
      <circle cx={x(last.t)} cy={y(last.value)} r={3} fill={BAND_COLOUR[last.band]} />
    </svg>
  );
}
