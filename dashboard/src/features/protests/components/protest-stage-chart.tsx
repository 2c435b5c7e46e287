import type { TheatreState } from '@watchfloor/crisis-state';
import { PROTEST_STAGES } from '@watchfloor/events';
import { memo, useMemo } from 'react';
import { Timeline, type TimelineRow } from '../../../components/timeline';
import { STAGE_COLOUR } from '../../../config/palette';
import { humanise } from '../../../lib/format';
import { formatInstant } from '../../../lib/time';
import { coarsenSegments, protestStageRows } from '../utils/protest-stage-series';

const LABEL_WIDTH = 190;
/** Places shown at most, the most severe first (rows come sorted). */
const MAX_PLACES = 12;

/** Protest stage by place over time, the theatre's most severe place on top. */
export const ProtestStageChart = memo(function ProtestStageChart({
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
  const all = useMemo(() => protestStageRows(state, window.to), [state, version, window.to]);
  const rows = all.slice(0, MAX_PLACES + 1);
  const buckets = Math.max(10, Math.floor((width - LABEL_WIDTH) / 2));
  const markBudget = Math.max(4, Math.floor((width - LABEL_WIDTH) / 8));
  const timeline: TimelineRow[] = rows.map((row) => ({
    key: row.key,
    label: row.label,
    ...(row.current && { sublabel: `now: ${humanise(row.current)}` }),
    emphasis: row.key === '*',
    segments: coarsenSegments(row.segments, window.from, window.to, buckets).map((s) => ({
      from: s.from,
      to: s.to,
      colour: STAGE_COLOUR[s.stage],
      label: `${humanise(s.stage)} from ${formatInstant(s.from)} to ${formatInstant(s.to)}`,
    })),
    marks: row.reports.slice(-markBudget).map((r) => ({
      t: r.t,
      eventId: r.eventId,
      colour: STAGE_COLOUR[r.stage],
      struck: r.status !== 'effective',
      label: `Report: ${humanise(r.stage)} at ${row.label}, ${formatInstant(r.t)}${r.status !== 'effective' ? ` (${r.status})` : ''}`,
    })),
  }));
  if (timeline.length === 0) return <p className="empty">No protest reports.</p>;
  return (
    <div>
      <Timeline rows={timeline} from={window.from} to={window.to} width={width} label="Protest stage by place over time" onOpen={onOpen} labelWidth={LABEL_WIDTH} />
      {all.length > rows.length && <p className="muted">{all.length - rows.length} calmer places not shown.</p>}
      <div className="legend" aria-hidden="true">
        {PROTEST_STAGES.map((stage) => (
          <span key={stage}>
            <span className="swatch" style={{ background: STAGE_COLOUR[stage] }} />
            {humanise(stage)}
          </span>
        ))}
        <span>◆ report (hollow: corrected or retracted)</span>
      </div>
    </div>
  );
});
