import { timeScale } from '../lib/time-scale';

/** Rows of coloured spans over a shared time axis: protest stages by place, deployment phases. */

export interface TimelineSegment {
  readonly from: number;
  readonly to: number;
  readonly colour: string;
  /** Said on hover and to screen readers. */
  readonly label: string;
}

export interface TimelineMark {
  readonly t: number;
  readonly colour: string;
  readonly label: string;
  /** Corrected or retracted: drawn hollow. */
  readonly struck?: boolean;
  readonly eventId: string;
}

export interface TimelineRow {
  readonly key: string;
  readonly label: string;
  readonly sublabel?: string;
  readonly segments: readonly TimelineSegment[];
  readonly marks: readonly TimelineMark[];
  readonly emphasis?: boolean;
}

const AXIS_HEIGHT = 20;

/**
 * A report's diamond, drawn in place: moved by a transform, each of the hundreds of marks was a
 * paint chunk of its own whose transform changed on every redraw (the window moves live).
 */
const diamondAt = (x: number, y: number): string => `M${x.toFixed(1)},${y - 7}l5,7l-5,7l-5,-7z`;

export function Timeline({
  rows,
  from,
  to,
  width,
  label,
  onOpen,
  labelWidth = 180,
  rowHeight = 30,
}: {
  readonly rows: readonly TimelineRow[];
  readonly from: number;
  readonly to: number;
  readonly width: number;
  readonly label: string;
  readonly onOpen: (eventId: string) => void;
  readonly labelWidth?: number;
  readonly rowHeight?: number;
}) {
  const plotWidth = Math.max(60, width - labelWidth - 8);
  const scale = timeScale(from, to, plotWidth);
  const height = rows.length * rowHeight + AXIS_HEIGHT;
  const clampX = (t: number): number => Math.min(plotWidth, Math.max(0, scale.x(t)));
  return (
    <svg className="timeline-svg" width={width} height={height} role="group" aria-label={label}>
      <g transform={`translate(${labelWidth},0)`}>
        {scale.ticks().map((tick) => (
          <g key={tick.t} transform={`translate(${scale.x(tick.t)},0)`}>
            <line className="grid-line" y1={0} y2={rows.length * rowHeight} />
            <text y={rows.length * rowHeight + 14} textAnchor="middle">
              {tick.label}
            </text>
          </g>
        ))}
      </g>
      {rows.map((row, i) => (
        <g key={row.key} transform={`translate(0,${i * rowHeight})`} role="list" aria-label={`${row.label}${row.sublabel ? `, ${row.sublabel}` : ''}`}>
          <text className="row-label" x={0} y={row.sublabel ? rowHeight / 2 - 2 : rowHeight / 2 + 4} fontWeight={row.emphasis ? 700 : 400}>
            {row.label.length > 26 ? `${row.label.slice(0, 25)}…` : row.label}
            <title>{row.label}</title>
          </text>
          {row.sublabel && (
            <text x={0} y={rowHeight / 2 + 11}>
              {row.sublabel.length > 30 ? `${row.sublabel.slice(0, 29)}…` : row.sublabel}
            </text>
          )}
          <g transform={`translate(${labelWidth},0)`}>
            {row.segments.map((segment) => {
              const x = clampX(segment.from);
              const w = Math.max(1.5, clampX(segment.to) - x);
              return (
                <rect key={`${segment.from}-${segment.label}`} x={x} y={6} width={w} height={rowHeight - 12} rx={2} fill={segment.colour} fillOpacity={row.emphasis ? 0.95 : 0.8} role="listitem" aria-label={segment.label}>
                  <title>{segment.label}</title>
                </rect>
              );
            })}
            {row.marks.map((mark) => (
              <g
                key={mark.eventId}
                tabIndex={0}
                role="button"
                aria-label={`${mark.label}. Open event.`}
                style={{ cursor: 'pointer' }}
                onClick={() => onOpen(mark.eventId)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onOpen(mark.eventId);
                  }
                }}
              >
                <title>{mark.label}</title>
                <path d={diamondAt(clampX(mark.t), rowHeight / 2)} fill={mark.struck ? '#111821' : mark.colour} stroke={mark.struck ? mark.colour : '#0a0e13'} strokeWidth={1.5} />
              </g>
            ))}
          </g>
        </g>
      ))}
    </svg>
  );
}
