import type { EventFact } from '@watchfloor/crisis-state';
import type { CrisisEvent } from '@watchfloor/events';
import type { ReactNode } from 'react';
import { Dialog } from '../../../components/dialog';
import { TYPE_COLOUR, TYPE_LABEL } from '../../../config/palette';
import { formatRange, formatRating, humanise } from '../../../lib/format';
import { formatDuration, formatInstant } from '../../../lib/time';
import type { Corrections } from '../utils/corrections';
import { headlineOf } from './event-feed';

const Row = ({ label, children }: { readonly label: string; readonly children: ReactNode }) => (
  <>
    <dt>{label}</dt>
    <dd>{children}</dd>
  </>
);

const EventLink = ({ id, onOpen }: { readonly id: string; readonly onOpen: (id: string) => void }) => (
  <button type="button" className="link-button" onClick={() => onOpen(id)}>
    {id}
  </button>
);

/** The type-specific part of an event, in words. */
function EventData({ event, onOpen }: { readonly event: CrisisEvent; readonly onOpen: (id: string) => void }) {
  switch (event.type) {
    case 'protest.escalated': {
      const d = event.data;
      return (
        <dl>
          <Row label="Stage">{humanise(d.stage)}</Row>
          {d.crowdSize && <Row label="Crowd size">{formatRange(d.crowdSize)}</Row>}
          {d.trigger && <Row label="Trigger">{d.trigger}</Row>}
          {d.demands && d.demands.length > 0 && <Row label="Demands">{d.demands.join('; ')}</Row>}
          {d.stateResponse && <Row label="State response">{d.stateResponse}</Row>}
        </dl>
      );
    }
    case 'troops.deployed': {
      const d = event.data;
      return (
        <dl>
          <Row label="Force">{d.force}</Row>
          {d.contributor && <Row label="Contributor">{d.contributor}</Row>}
          <Row label="Phase">{d.phase}</Row>
          {d.unitKind && <Row label="Unit">{d.unitKind}</Row>}
          <Row label="Troops">{d.troops ? formatRange(d.troops) : 'not stated'}</Row>
          {d.requestedBy && <Row label="Requested by">{d.requestedBy}</Row>}
          {d.mission && <Row label="Mission">{d.mission}</Row>}
        </dl>
      );
    }
    case 'casualties.reported': {
      const d = event.data;
      return (
        <dl>
          <Row label="Group">{humanise(d.group)}</Row>
          <Row label="Killed">{formatRange(d.killed)}</Row>
          <Row label="Injured">{formatRange(d.injured)}</Row>
          <Row label="Detained">{formatRange(d.detained)}</Row>
          <Row label="Figures are">{d.cumulative ? 'a running total to date' : 'for the period only'}</Row>
          {d.period && <Row label="Period">{`${formatInstant(Date.parse(d.period.from))} – ${formatInstant(Date.parse(d.period.to))}`}</Row>}
          {d.sourceWording && <Row label="Source's words">“{d.sourceWording}”</Row>}
        </dl>
      );
    }
    case 'diplomacy.meeting': {
      const d = event.data;
      return (
        <dl>
          <Row label="Format">{d.format}</Row>
          {d.venue && <Row label="Venue">{d.venue}</Row>}
          {d.durationMinutes !== undefined && <Row label="Duration">{formatDuration(d.durationMinutes * 60_000)}</Row>}
          <Row label="Outcome">{d.outcome}</Row>
          <Row label="Participants">
            {d.participants.map((p) => `${p.name}${p.role ? ` (${p.role})` : ''}, ${p.country}`).join('; ')}
          </Row>
          {d.topics.length > 0 && <Row label="Topics">{d.topics.join('; ')}</Row>}
        </dl>
      );
    }
    case 'diplomacy.statement': {
      const d = event.data;
      return (
        <dl>
          <Row label="Speaker">{`${d.speaker}${d.speakerRole ? `, ${d.speakerRole}` : ''} (${d.country})`}</Row>
          {d.target && <Row label="Target">{d.target}</Row>}
          <Row label="Stance">{d.stance}</Row>
          {d.quote && <Row label="Quote">“{d.quote}”</Row>}
          {d.respondsTo && (
            <Row label="Answers">
              <EventLink id={d.respondsTo} onOpen={onOpen} />
            </Row>
          )}
        </dl>
      );
    }
    case 'situation.assessed': {
      const d = event.data;
      return (
        <dl>
          <Row label="Assessor">{`${d.assessor}${d.assessorCountry ? ` (${d.assessorCountry})` : ''}`}</Row>
          <Row label="Assessment">{d.assessment}</Row>
          <Row label="Summary">{d.summary}</Row>
        </dl>
      );
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** An event's full record: what, when, where, who, the sources and their ratings, corrections. */
export function EventDetail({
  eventId,
  event,
  fact,
  loading,
  error,
  corrections,
  onOpen,
  onClose,
}: {
  readonly eventId: string;
  readonly event: CrisisEvent | undefined;
  /** What the state keeps of it, shown while (or if) the full record cannot be had. */
  readonly fact: EventFact | undefined;
  readonly loading: boolean;
  readonly error?: string;
  readonly corrections: Corrections;
  readonly onOpen: (eventId: string) => void;
  readonly onClose: () => void;
}) {
  const type = event?.type ?? fact?.type;
  const title = event ? headlineOf(event) : fact ? `${type ? TYPE_LABEL[type] : 'Event'} from ${fact.source}` : `Event ${eventId}`;
  return (
    <Dialog title={title} onClose={onClose}>
      {type && (
        <span className="tag tag-type" style={{ background: TYPE_COLOUR[type] }}>
          {TYPE_LABEL[type]}
        </span>
      )}
      {corrections.retracted && <p className="notice notice-retracted">Retracted: this report no longer counts. It stays in the log.</p>}
      {corrections.supersededBy && (
        <p className="notice notice-superseded">
          Corrected by a later report, which counts instead: <EventLink id={corrections.supersededBy} onOpen={onOpen} />
        </p>
      )}
      {loading && <p className="muted">Loading the full record…</p>}
      {error && !event && <p className="error">Full record unavailable: {error}</p>}
      {event ? (
        <>
          <dl>
            <Row label="Occurred">{`${formatInstant(Date.parse(event.occurredAt))} (precision: ${event.timePrecision})`}</Row>
            <Row label="Recorded">{formatInstant(Date.parse(event.recordedAt), true)}</Row>
            <Row label="Theatre">{event.theatre}</Row>
            {event.location && (
              <Row label="Location">
                {`${event.location.name}${event.location.region ? `, ${event.location.region}` : ''}, ${event.location.country} · ${event.location.lat.toFixed(3)}, ${event.location.lon.toFixed(3)} · known to ${event.location.precision}`}
              </Row>
            )}
            <Row label="Verification">{humanise(event.verification)}</Row>
            {event.supersedes && (
              <Row label="Corrects">
                <EventLink id={event.supersedes} onOpen={onOpen} />
              </Row>
            )}
            <Row label="Id">
              <code>{event.id}</code>
            </Row>
          </dl>
          <h3>Details</h3>
          <EventData event={event} onOpen={onOpen} />
          {event.actors.length > 0 && (
            <>
              <h3>Actors</h3>
              <ul>
                {event.actors.map((a) => (
                  <li key={`${a.name}-${a.role}`}>
                    {a.name} <span className="muted">({a.role}{a.kind ? `, ${humanise(a.kind)}` : ''}{a.country ? `, ${a.country}` : ''})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>Sources</h3>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Kind</th>
                <th scope="col">Admiralty rating</th>
              </tr>
            </thead>
            <tbody>
              {event.sources.map((s, i) => (
                <tr key={`${s.name}-${i}`}>
                  <td>
                    {s.url ? (
                      <a href={s.url} target="_blank" rel="noreferrer noopener">
                        {s.name}
                      </a>
                    ) : (
                      s.name
                    )}
                    {i === 0 && event.sources.length > 1 && <span className="muted"> (originator)</span>}
                  </td>
                  <td>{s.kind}</td>
                  <td>
                    <span className="tag tag-rating">
                      {s.reliability}
                      {s.credibility}
                    </span>{' '}
                    {formatRating(s.reliability, s.credibility).replace(/^\w\d /, '')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        fact && (
          <dl>
            <Row label="Occurred">{formatInstant(fact.occurredAt)}</Row>
            <Row label="Recorded">{formatInstant(fact.recordedAt, true)}</Row>
            <Row label="Source">{`${fact.source}, ${formatRating(fact.reliability, fact.credibility)}`}</Row>
            <Row label="Verification">{humanise(fact.verification)}</Row>
          </dl>
        )
      )}
      {corrections.correctedBy.length > 0 && (
        <>
          <h3>Corrections</h3>
          <ul>
            {corrections.correctedBy.map((id) => (
              <li key={id}>
                <EventLink id={id} onOpen={onOpen} />
                {id === corrections.supersededBy && <span className="muted"> (counts)</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}
