import type { DeploymentView } from '@watchfloor/crisis-state';
import { DEPLOYMENT_PHASES } from '@watchfloor/events';
import { memo, useMemo } from 'react';
import { Timeline, type TimelineRow } from '../../../components/timeline';
import { PHASE_COLOUR } from '../../../config/palette';
import { formatInstant } from '../../../lib/time';
import { deploymentRows, mostRelevant } from '../utils/deployment-rows';

const MAX_ROWS = 12;
const LABEL_WIDTH = 220;

/** Forces and contributors: troop ranges, and their phases on a timeline. */
export const DeploymentTimeline = memo(function DeploymentTimeline({
  deployments,
  window,
  width,
  onOpen,
}: {
  readonly deployments: readonly DeploymentView[];
  readonly window: { readonly from: number; readonly to: number };
  readonly width: number;
  readonly onOpen: (eventId: string) => void;
}) {
  const { shown: rows, hidden } = useMemo(() => mostRelevant(deploymentRows(deployments, window.to), MAX_ROWS), [deployments, window.to]);
  if (rows.length === 0) return <p className="empty">No deployments reported.</p>;
  // Marks are focusable: about one per eight pixels, the latest kept.
  const markBudget = Math.max(4, Math.floor((width - LABEL_WIDTH) / 8));
  const timeline: TimelineRow[] = rows.map((row) => ({
    key: row.key,
    label: row.contributor ? `${row.force} · ${row.contributor}` : row.force,
    sublabel: [row.phase, row.troops, row.unitKind].filter(Boolean).join(' · '),
    segments: row.segments.map((s) => ({
      from: s.from,
      to: s.to,
      colour: PHASE_COLOUR[s.phase],
      label: `${s.phase} from ${formatInstant(s.from)}`,
    })),
    marks: row.marks.slice(-markBudget).map((m) => ({
      t: m.t,
      eventId: m.eventId,
      colour: PHASE_COLOUR[m.phase],
      struck: m.status !== 'effective',
      label: `${row.force}${row.contributor ? ` (${row.contributor})` : ''} ${m.phase}, ${formatInstant(m.t)}${m.status !== 'effective' ? ` (${m.status})` : ''}`,
    })),
  }));
  return (
    <div>
      <Timeline rows={timeline} from={window.from} to={window.to} width={width} label="Deployment phases over time" onOpen={onOpen} labelWidth={LABEL_WIDTH} rowHeight={34} />
      {hidden > 0 && <p className="muted">{hidden} more contingents not shown (forces on the ground and the latest reported come first).</p>}
      <div className="legend" aria-hidden="true">
        {DEPLOYMENT_PHASES.map((phase) => (
          <span key={phase}>
            <span className="swatch" style={{ background: PHASE_COLOUR[phase] }} />
            {phase}
          </span>
        ))}
      </div>
      <table className="data" style={{ marginTop: 8 }}>
        <caption className="visually-hidden">Deployments</caption>
        <thead>
          <tr>
            <th scope="col">Force</th>
            <th scope="col">Contributor</th>
            <th scope="col">Phase</th>
            <th scope="col">Troops</th>
            <th scope="col">Requested by</th>
            <th scope="col">Mission</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.force}</td>
              <td>{row.contributor ?? '—'}</td>
              <td>
                {row.phase ?? '—'}
                {row.since !== undefined && <div className="muted">since {formatInstant(row.since)}</div>}
              </td>
              <td className="num">{row.troops}</td>
              <td>{row.requestedBy ?? '—'}</td>
              <td>{row.mission ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
