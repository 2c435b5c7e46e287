import { ApiError } from '@watchfloor/service-kit';
import { ProjectionStore } from '../fold/projection-store';
import { encoded, scenario } from '../testing/events';
import { eventsPage } from './events-query';

const store = new ProjectionStore();
scenario.forEach((event, offset) => store.applyBatch(0, offset + 1, [{ offset, event, schemaVersion: 1, raw: Buffer.from(encoded(event).value) }]));
const ordered = [...scenario].sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || (a.id < b.id ? -1 : 1));

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ApiError) return error.getResponse();
    throw error;
  }
  throw new Error('no error');
};

describe('GET /api/events pages', () => {
  it('walks the whole timeline with the cursor', () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: ReturnType<typeof eventsPage> = eventsPage(store.timeline, { limit: '5', ...(cursor !== null && { cursor }) });
      ids.push(...page.events.map((e) => e.id));
      cursor = page.next;
    } while (cursor !== null);
    expect(ids).toEqual(ordered.map((e) => e.id));
  });

  it('filters and orders newest first on request', () => {
    const page = eventsPage(store.timeline, { theatre: 'kz', type: 'casualties.reported', order: 'desc' });
    expect(page.events.map((e) => e.id)).toEqual(ordered.filter((e) => e.theatre === 'kz' && e.type === 'casualties.reported').map((e) => e.id).reverse());
    expect(page.next).toBeNull();
  });

  it('refuses a cursor used with other filters, and bad parameters by name', () => {
    const first = eventsPage(store.timeline, { limit: '2' });
    expect(errorOf(() => eventsPage(store.timeline, { limit: '2', theatre: 'kz', cursor: first.next ?? '' }))).toMatchObject({ issues: [{ path: 'cursor' }] });
    expect(errorOf(() => eventsPage(store.timeline, { limit: '0' }))).toMatchObject({ issues: [{ path: 'limit' }] });
    expect(errorOf(() => eventsPage(store.timeline, { from: '2022-01-08T00:00:00Z', to: '2022-01-01T00:00:00Z' }))).toMatchObject({ issues: [{ path: 'to' }] });
  });
});
