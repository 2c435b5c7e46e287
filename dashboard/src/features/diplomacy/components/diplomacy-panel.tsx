import type { TheatreStateView } from '@watchfloor/crisis-state';
import type { CrisisEvent } from '@watchfloor/events';
import { memo, useState } from 'react';
import { OKABE_ITO } from '../../../config/palette';
import { humanise } from '../../../lib/format';
import { formatDuration, formatInstant } from '../../../lib/time';
import { meetingItems, statementItems } from '../utils/diplomacy-items';

const OUTCOME_COLOUR: Readonly<Record<string, string>> = {
  agreement: OKABE_ITO.bluishGreen,
  deadlock: OKABE_ITO.vermillion,
  ongoing: OKABE_ITO.skyBlue,
  unknown: OKABE_ITO.grey,
};

const STANCE_COLOUR: Readonly<Record<string, string>> = {
  supportive: OKABE_ITO.bluishGreen,
  conciliatory: OKABE_ITO.skyBlue,
  neutral: OKABE_ITO.grey,
  critical: OKABE_ITO.orange,
  hostile: OKABE_ITO.vermillion,
};

const SHOWN = 6;

/** Meetings (who, where, how long, what came of it) and statements (what each answers). */
export const DiplomacyPanel = memo(function DiplomacyPanel({
  diplomacy,
  events,
  onOpen,
}: {
  readonly diplomacy: TheatreStateView['diplomacy'];
  readonly events: ReadonlyMap<string, CrisisEvent>;
  readonly onOpen: (eventId: string) => void;
}) {
  const [all, setAll] = useState(false);
  const allMeetings = meetingItems(diplomacy.meetings, events);
  const allStatements = statementItems(diplomacy, events);
  // The latest few at a glance; the rest on request (a busy theatre has hundreds).
  const meetings = all ? allMeetings : allMeetings.slice(0, SHOWN);
  const statements = all ? allStatements : allStatements.slice(0, SHOWN);
  const more = allMeetings.length + allStatements.length - meetings.length - statements.length;
  return (
    <div className="diplomacy">
      <div>
        <h3 className="chart-title">Meetings ({allMeetings.length})</h3>
        {meetings.length === 0 ? (
          <p className="empty">No meetings.</p>
        ) : (
          <ul className="card-list">
            {meetings.map((m) => (
              <li key={m.eventId} className={m.status !== 'effective' ? 'superseded' : undefined} style={{ ['--accent' as string]: OUTCOME_COLOUR[m.outcome] }}>
                <div>
                  <strong style={{ textTransform: 'capitalize' }}>{m.format}</strong>
                  {m.venue && <> in {m.venue}</>} ·{' '}
                  <span style={{ color: OUTCOME_COLOUR[m.outcome], fontWeight: 700 }}>{m.outcome}</span>
                  {m.durationMinutes !== undefined && <span className="muted"> · {formatDuration(m.durationMinutes * 60_000)}</span>}
                  {m.status !== 'effective' && <span className="muted"> · {m.status}</span>}
                </div>
                <div className="muted num">{formatInstant(m.t)}</div>
                <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
                  {m.participants.map((p) => (
                    <li key={`${p.name}-${p.country}`}>
                      {p.name}
                      {p.role && <span className="muted">, {p.role}</span>} <span className="tag">{p.country}</span>
                    </li>
                  ))}
                </ul>
                {m.topics.length > 0 && <div className="muted">Topics: {m.topics.join('; ')}</div>}
                <button type="button" className="link-button" onClick={() => onOpen(m.eventId)}>
                  Full record
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div>
        <h3 className="chart-title">Statements ({allStatements.length})</h3>
        {statements.length === 0 ? (
          <p className="empty">No statements.</p>
        ) : (
          <ul className="card-list">
            {statements.map((s) => (
              <li key={s.eventId} className={s.status !== 'effective' ? 'superseded' : undefined} style={{ ['--accent' as string]: STANCE_COLOUR[s.stance] }}>
                <div>
                  <strong>{s.speaker}</strong>
                  {s.speakerRole && <span className="muted">, {s.speakerRole}</span>} <span className="tag">{s.country}</span>{' '}
                  <span style={{ color: STANCE_COLOUR[s.stance], fontWeight: 700 }}>{s.stance}</span>
                  {s.target && <span className="muted"> towards {s.target}</span>}
                </div>
                <div className="muted num">{formatInstant(s.t)}</div>
                {s.quote && <blockquote>“{s.quote}”</blockquote>}
                {s.answers && (
                  <div>
                    ↳ answers{' '}
                    <button type="button" className="link-button" onClick={() => s.answers && onOpen(s.answers.eventId)}>
                      {s.answers.label}
                    </button>
                  </div>
                )}
                {s.answeredBy.length > 0 && (
                  <div>
                    ↩ answered by{' '}
                    {s.answeredBy.map((a, i) => (
                      <span key={a.eventId}>
                        {i > 0 && ', '}
                        <button type="button" className="link-button" onClick={() => onOpen(a.eventId)}>
                          {a.label}
                        </button>
                      </span>
                    ))}
                  </div>
                )}
                <button type="button" className="link-button" onClick={() => onOpen(s.eventId)}>
                  Full record
                </button>
                {s.status !== 'effective' && <span className="muted"> · {humanise(s.status)}</span>}
              </li>
            ))}
          </ul>
        )}
      </div>
      {(more > 0 || all) && (
        <div style={{ gridColumn: '1 / -1' }}>
          <button type="button" className="btn" onClick={() => setAll(!all)} aria-expanded={all}>
            {all ? 'Show the latest only' : `Show ${more} more`}
          </button>
        </div>
      )}
    </div>
  );
});
