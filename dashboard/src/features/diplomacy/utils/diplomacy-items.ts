import type { MeetingView, StatementView, TheatreStateView } from '@watchfloor/crisis-state';
import type { CrisisEvent, EventOf } from '@watchfloor/events';

/**
 * Diplomacy as an analyst reads it: meetings with who took part, where, how long and what came
 * of it; statements with what each answers and what answered it. The state keeps the short
 * form (countries, ids); the full events, where the browser has them, fill in names and roles.
 */

export interface Participant {
  readonly name: string;
  readonly role?: string;
  readonly country: string;
}

export interface MeetingItem {
  readonly eventId: string;
  readonly t: number;
  readonly status: MeetingView['status'];
  readonly format: string;
  readonly outcome: string;
  readonly venue?: string;
  readonly durationMinutes?: number;
  readonly topics: readonly string[];
  /** Named participants when the event is known, else the parties' countries. */
  readonly participants: readonly Participant[];
  readonly summary?: string;
}

export interface StatementLink {
  readonly eventId: string;
  readonly label: string;
}

export interface StatementItem {
  readonly eventId: string;
  readonly t: number;
  readonly status: StatementView['status'];
  readonly speaker: string;
  readonly speakerRole?: string;
  readonly country: string;
  readonly target?: string;
  readonly stance: StatementView['stance'];
  readonly quote?: string;
  readonly answers?: StatementLink;
  readonly answeredBy: readonly StatementLink[];
}

const meetingEvent = (event: CrisisEvent | undefined): EventOf<'diplomacy.meeting'> | undefined =>
  event?.type === 'diplomacy.meeting' ? event : undefined;
const statementEvent = (event: CrisisEvent | undefined): EventOf<'diplomacy.statement'> | undefined =>
  event?.type === 'diplomacy.statement' ? event : undefined;

export const meetingItems = (meetings: readonly MeetingView[], events: ReadonlyMap<string, CrisisEvent>): MeetingItem[] =>
  meetings
    .map((meeting) => {
      const event = meetingEvent(events.get(meeting.eventId));
      return {
        eventId: meeting.eventId,
        t: Date.parse(meeting.occurredAt),
        status: meeting.status,
        format: meeting.format,
        outcome: meeting.outcome,
        ...(meeting.venue && { venue: meeting.venue }),
        ...(event?.data.durationMinutes !== undefined && { durationMinutes: event.data.durationMinutes }),
        topics: event?.data.topics ?? [],
        participants: event ? event.data.participants : meeting.parties.map((country) => ({ name: country, country })),
        ...(event?.summary && { summary: event.summary }),
      };
    })
    .sort((a, b) => b.t - a.t);

/** How a statement or other event is named when something points at it. */
export const labelOf = (
  eventId: string,
  statements: ReadonlyMap<string, StatementView>,
  events: ReadonlyMap<string, CrisisEvent>,
): string => {
  const statement = statements.get(eventId);
  if (statement) return `${statement.speaker} (${statement.country}), ${statement.stance}`;
  const event = events.get(eventId);
  if (event) return event.summary ?? `${event.type} ${event.occurredAt.slice(0, 10)}`;
  return `event ${eventId.slice(0, 8)}… (not loaded)`;
};

export const statementItems = (view: TheatreStateView['diplomacy'], events: ReadonlyMap<string, CrisisEvent>): StatementItem[] => {
  const byId = new Map(view.statements.map((statement) => [statement.eventId, statement]));
  return view.statements
    .map((statement) => {
      const event = statementEvent(events.get(statement.eventId));
      return {
        eventId: statement.eventId,
        t: Date.parse(statement.occurredAt),
        status: statement.status,
        speaker: statement.speaker,
        ...(event?.data.speakerRole && { speakerRole: event.data.speakerRole }),
        country: statement.country,
        ...(statement.target && { target: statement.target }),
        stance: statement.stance,
        // The state clips quotes; the event has the whole one.
        ...((event?.data.quote ?? statement.quote) !== undefined && { quote: event?.data.quote ?? statement.quote }),
        ...(statement.respondsTo && { answers: { eventId: statement.respondsTo, label: labelOf(statement.respondsTo, byId, events) } }),
        answeredBy: statement.responses.map((id) => ({ eventId: id, label: labelOf(id, byId, events) })),
      };
    })
    .sort((a, b) => b.t - a.t);
};
