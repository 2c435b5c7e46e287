import type { EventLog } from '@watchfloor/kafka';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { ProjectionApp } from '../app/create-projection-app';
import { scenario } from '../testing/events';
import { createTopics, deleteTopics, freshTopicPrefix, OPERATOR_KEY, produceEvents, READER_KEY, INGEST_KEY, startProjection, testEventLog, waitFor } from '../testing/projection-harness';

const CITY = 'Almaty city authorities';
const POLICE = 'Almaty police spokesperson (via local news agencies)';

interface ClaimView {
  source: string;
  killed?: { low: number; best: number; high: number };
  injured?: { low: number; best: number; high: number };
  wording?: string;
}

describe('the seed scenario through Kafka, read over HTTP', () => {
  const prefix = freshTopicPrefix('theatres');
  let log: EventLog;
  let projection: ProjectionApp;
  const get = (path: string, key: string | null = READER_KEY) => {
    const req = request(projection.url).get(path);
    return key ? req.set('Authorization', `Bearer ${key}`) : req;
  };

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    await createTopics(log, prefix);
    // given the seed scenario produced through the codec
    await produceEvents(log, prefix, scenario);
    projection = await startProjection(prefix);
    await projection.runtime.caughtUp(30_000);
  });

  afterAll(async () => {
    await projection?.close();
    await deleteTopics(log, prefix);
    await log.disconnect();
  });

  it('keeps the Almaty claims apart, each with its source, and shows the range and the CSTO deployment', async () => {
    const response = await get('/api/theatres/kz/state');
    expect(response.status).toBe(200);
    const { state } = response.body;
    expect(response.body.asOf).toBeNull();
    const claims: ClaimView[] = state.casualties.groups.flatMap((g: { claims: ClaimView[] }) => g.claims);
    const city = claims.find((c) => c.source === CITY);
    const police = claims.find((c) => c.source === POLICE);
    expect(city).toMatchObject({ killed: { best: 12 }, injured: { best: 353 } });
    expect(police).toMatchObject({ wording: 'dozens', killed: { low: 24, high: 99 } });
    expect(state.casualties.killed).toMatchObject({ low: 24, high: 111, sources: [CITY, POLICE] });
    expect(state.casualties.injured).toMatchObject({ low: 353, best: 353, high: 353 });
    const csto = state.deployments.filter((d: { force: string }) => d.force === 'CSTO');
    expect(csto.length).toBeGreaterThan(0);
    expect(csto.some((d: { phase?: string; contributor?: string }) => d.phase === 'deployed' && d.contributor === 'RU')).toBe(true);
  });

  it('shows none of it as of 4 January, on the occurred clock', async () => {
    const response = await get('/api/theatres/kz/state?asOf=2022-01-04T00:00:00Z&basis=occurred');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ asOf: '2022-01-04T00:00:00.000Z', basis: 'occurred' });
    const { state } = response.body;
    expect(state.casualties.groups).toEqual([]);
    expect(state.casualties.killed).toBeUndefined();
    expect(state.deployments.filter((d: { phase?: string }) => d.phase !== undefined)).toEqual([]);
    expect(state.eventCount).toBeGreaterThan(0);
  });

  it('answers 400 naming asOf or basis, and 404 for an unknown theatre', async () => {
    const badAsOf = await get('/api/theatres/kz/state?asOf=yesterday');
    expect(badAsOf.status).toBe(400);
    expect(badAsOf.body).toMatchObject({ error: 'invalid_query', issues: [{ path: 'asOf' }] });
    const badBasis = await get('/api/theatres/kz/state?asOf=2022-01-04T00:00:00Z&basis=sometime');
    expect(badBasis.body).toMatchObject({ error: 'invalid_query', issues: [{ path: 'basis' }] });
    const unknown = await get('/api/theatres/atlantis/state');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
  });

  it('lists the theatres with summaries, and pages the timeline', async () => {
    const theatres = await get('/api/theatres');
    expect(theatres.body.theatres.map((t: { theatre: string }) => t.theatre)).toEqual(['kz', 'ua-border']);
    expect(theatres.body.theatres[0]).toMatchObject({ name: 'Kazakhstan', eventCount: scenario.filter((e) => e.theatre === 'kz').length, forcesDeployed: 1 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: request.Response = await get(`/api/events?theatre=kz&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.events.map((e: { id: string }) => e.id));
      cursor = page.body.next;
    } while (cursor !== null);
    const kz = scenario.filter((e) => e.theatre === 'kz');
    expect([...seen].sort()).toEqual(kz.map((e) => e.id).sort());
    const first = (await get('/api/events?theatre=kz&limit=1')).body.events[0];
    expect(first).toEqual(kz.reduce((a, b) => (Date.parse(a.occurredAt) <= Date.parse(b.occurredAt) ? a : b)));
  });

  it('needs a reader or operator key to read, and says so', async () => {
    expect((await get('/api/theatres', null)).status).toBe(401);
    expect((await get('/api/theatres', INGEST_KEY)).status).toBe(403);
    expect((await get('/api/theatres', OPERATOR_KEY)).status).toBe(200);
  });

  it('is ready, and serves metrics, OpenAPI and AsyncAPI', async () => {
    const health = await waitFor(async () => {
      const r = await get('/api/health', null);
      return r.status === 200 ? r : undefined;
    });
    expect(health.body.info.kafka.status).toBe('up');
    const metrics = await get('/metrics', null);
    expect(metrics.text).toMatch(new RegExp(`watchfloor_projection_events_applied_total\\{service="projection"\\} ${scenario.length}`));
    expect(metrics.text).toContain('watchfloor_projection_consumer_lag{partition=');
    expect(metrics.text).toMatch(/watchfloor_projection_caught_up\{service="projection"\} 1/);
    expect(metrics.text).toContain('watchfloor_projection_live_clients');
    const openapi = await get('/api/docs/openapi.json', null);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/theatres', '/api/theatres/{id}/state', '/api/events', '/api/parked', '/api/parked/redrive']));
    const asyncapi = await get('/asyncapi.json', null);
    expect(asyncapi.body.channels).toHaveProperty('live');
    expect(asyncapi.body.servers.live.host).toBe(`127.0.0.1:${projection.port}`);
  });

  it('serves the built dashboard at / with client-side routes, but never for the API', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Watchfloor</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const withDashboard = await startProjection(prefix, { settings: { dashboardDir: dir, readOpen: true } });
    try {
      const html = (pathname: string) => request(withDashboard.url).get(pathname).set('Accept', 'text/html');
      expect((await html('/')).text).toContain('<title>Watchfloor</title>');
      expect((await html('/theatres/kz')).text).toContain('<title>Watchfloor</title>');
      expect((await request(withDashboard.url).get('/assets/app.js')).text).toBe('console.log(1)');
      expect((await html('/assets/missing.js')).status).toBe(404);
      const api = await html('/api/nowhere');
      expect(api.status).toBe(404);
      expect(api.body.error).toBe('not_found');
      expect((await html('/api/theatres')).body.theatres).toHaveLength(2);
    } finally {
      await withDashboard.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
