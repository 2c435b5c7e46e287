import { theatreStateView } from '@watchfloor/crisis-state';
import { eventsOf, foldTheatre, ids, iso } from '../../../testing/scenario';
import { meetingItems, statementItems } from './diplomacy-items';

const at = new Date(iso('2022-01-11T00:00:00Z'));

describe('diplomacy items', () => {
  it('links the Russian reply to Blinken’s remark, both ways', () => {
    const view = theatreStateView(foldTheatre('kz'), at);
    const events = new Map(eventsOf('kz').map((e) => [e.id, e]));
    const statements = statementItems(view.diplomacy, events);
    const reply = statements.find((s) => s.eventId === ids.russianMfaReply);
    const remark = statements.find((s) => s.eventId === ids.blinkenRemark);
    expect(reply?.answers).toEqual({ eventId: ids.blinkenRemark, label: 'Antony Blinken (US), critical' });
    expect(remark?.answeredBy.map((a) => a.eventId)).toEqual([ids.russianMfaReply]);
    expect(remark?.speakerRole).toBe('US Secretary of State');
    expect(remark?.quote).toMatch(/once Russians are in your house/);
  });

  it('names the Geneva talks’ participants, venue, duration and deadlock from the full event', () => {
    const view = theatreStateView(foldTheatre('ua-border'), at);
    const events = new Map(eventsOf('ua-border').map((e) => [e.id, e]));
    const [geneva] = meetingItems(view.diplomacy.meetings, events);
    expect(geneva).toMatchObject({ venue: 'Geneva', outcome: 'deadlock', durationMinutes: 420 });
    expect(geneva?.participants.map((p) => p.name)).toEqual(expect.arrayContaining(['Sergey Ryabkov', 'Wendy Sherman']));
  });

  it('falls back to the parties’ countries while the full event is not loaded', () => {
    const view = theatreStateView(foldTheatre('ua-border'), at);
    const [geneva] = meetingItems(view.diplomacy.meetings, new Map());
    expect(geneva?.participants.map((p) => p.country)).toEqual(['RU', 'US']);
    expect(geneva?.durationMinutes).toBeUndefined();
  });
});
