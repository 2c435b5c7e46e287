import type { CrisisEventInput } from '@watchfloor/events';
import { kazakhstan2022, SCENARIO_EVENT_IDS, SCENARIO_THEATRES } from '@watchfloor/scenario';
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifactPath, launchBrowser } from './support/browser';
import { eventually, postEvents, stackEnv, startProjection, startService, tail, type RunningService } from './support/system';

/**
 * The analysts' dashboard as the projection serves it (dashboard/dist at `/`), in Chromium, fed
 * by the ingest API with the seed scenario. Everything is read from the page as an analyst sees
 * it: roles and accessible names, not the app's internals.
 */

const CSTO_SUMMARY = kazakhstan2022.find((e) => e.id === SCENARIO_EVENT_IDS.cstoDeploying)?.summary ?? '';
const FIRST_KZ_SUMMARY = kazakhstan2022.find((e) => e.id === SCENARIO_EVENT_IDS.fuelProtestsPeaceful)?.summary ?? '';

/** A fresh Kazakhstan event with a headline no other event has; dated after the scenario so the slider's span stays January 2022. */
const liveAssessment = (headline: string, minutesAfter: number): CrisisEventInput => ({
  id: randomUUID(),
  type: 'situation.assessed',
  theatre: 'kz',
  occurredAt: new Date(Date.parse('2022-01-10T18:00:00Z') + minutesAfter * 60_000).toISOString(),
  timePrecision: 'hour',
  actors: [],
  sources: [{ name: 'E2E desk', kind: 'media', reliability: 'B', credibility: 2 }],
  verification: 'unverified',
  summary: headline,
  data: { assessor: 'E2E desk', assessment: 'stable', summary: headline },
});

/** The little of the DOM the page functions use: these tests compile without the DOM library. */
declare const document: { querySelectorAll(selector: string): ArrayLike<{ readonly textContent: string | null }> };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('analyst dashboard in Chromium', () => {
  const topicPrefix = `e2e-dash-${randomUUID().slice(0, 8)}.`;
  const running = new Set<RunningService>();
  let ingest: RunningService;
  let projection: RunningService;
  let browser: Browser | undefined;
  const pages: Page[] = [];

  const track = async (starting: Promise<RunningService>): Promise<RunningService> => {
    const service = await starting;
    running.add(service);
    return service;
  };

  beforeAll(async () => {
    // Ingest, projection and browser start side by side; whatever did start is stopped in afterAll.
    const started = await Promise.allSettled([
      track(startService('ingest', stackEnv(topicPrefix), 'INGEST_PORT')).then((s) => (ingest = s)),
      track(startProjection(topicPrefix)).then((s) => (projection = s)),
      launchBrowser().then((b) => (browser = b)),
    ]);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;

    const answer = await postEvents(ingest.url, kazakhstan2022);
    expect(answer.accepted).toHaveLength(kazakhstan2022.length);
    const perTheatre = (id: string) => kazakhstan2022.filter((e) => e.theatre === id).length;
    await eventually(
      async () => {
        const list = (await (await fetch(`${projection.url}/api/theatres`)).json()) as { theatres: { theatre: string; eventCount: number }[] };
        const counts = new Map(list.theatres.map((t) => [t.theatre, t.eventCount]));
        return counts.get('kz') === perTheatre('kz') && counts.get('ua-border') === perTheatre('ua-border') ? true : undefined;
      },
      30_000,
      'the projection to fold the seed scenario',
    );
  });

  afterAll(async () => {
    await Promise.allSettled(pages.map((p) => p.close()));
    await browser?.close();
    await Promise.allSettled([...running].map((s) => s.stop()));
  });

  /** A page that fails its test on any uncaught error in the app. */
  const openPage = async (route: string): Promise<{ page: Page; errors: string[] }> => {
    if (!browser) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    pages.push(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${projection.url}/${route}`);
    return { page, errors };
  };

  const connection = (page: Page, state: string): Locator => page.getByRole('status', { name: `Live connection ${state}` });
  const feedOf = (page: Page): Locator => page.getByRole('complementary', { name: 'Event feed' }).getByRole('list', { name: 'Events' });
  const deploymentsOf = (page: Page): Locator => page.getByRole('region', { name: 'Deployments' });

  it('shows both seed theatres on the overview, each with its escalation index', async () => {
    const { page, errors } = await openPage('');
    for (const theatre of Object.values(SCENARIO_THEATRES)) {
      // The whole card is the link; its name carries the index and band for screen readers.
      const card = page.getByRole('link', { name: new RegExp(`^${escapeRegExp(theatre.name)}: escalation `) });
      await card.waitFor({ timeout: 15_000 });
      // The card follows the theatre's live stream too: its recent course is folded in the browser.
      await card.getByRole('img', { name: /^Escalation index over the last \d+ days$/ }).waitFor({ timeout: 10_000 });
      await card.getByRole('heading', { name: new RegExp(`^${escapeRegExp(theatre.name)}`) }).waitFor();
      const label = (await card.getAttribute('aria-label')) ?? '';
      const [, value, band] = /: escalation ([\d.]+), (\w+)\./.exec(label) ?? [];
      expect(band).toMatch(/^(low|guarded|elevated|high|severe)$/);
      await card.getByText(Number(value).toFixed(1), { exact: true }).waitFor({ timeout: 5000 });
      await card.getByText('escalation index').waitFor();
      if (theatre.id === 'kz') expect(Number(value)).toBeGreaterThan(0);
    }
    await page.screenshot({ path: artifactPath('dashboard-overview.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows an event posted to the ingest API in the live feed within 2 s, without a reload', async () => {
    const { page, errors } = await openPage('#/theatre/kz');
    await feedOf(page).getByRole('button', { name: new RegExp(escapeRegExp(CSTO_SUMMARY)) }).waitFor({ timeout: 20_000 });
    await connection(page, 'Live').waitFor({ timeout: 10_000 });
    const loadedAt = await page.evaluate(() => performance.timeOrigin);

    const headline = `E2E live check ${randomUUID()}`;
    // Watched in the page every animation frame from before the POST, so the figure is not a polling interval.
    const appeared = page.waitForFunction(
      (text) =>
        Array.from(document.querySelectorAll('aside[aria-label="Event feed"] ul[aria-label="Events"] li')).some((li) => li.textContent?.includes(text) ?? false)
          ? Date.now()
          : false,
      headline,
      { polling: 'raf', timeout: 10_000 },
    );
    // Awaited below; this only keeps a failed POST from leaving it unhandled.
    void appeared.catch(() => undefined);
    await postEvents(ingest.url, liveAssessment(headline, 1));
    const acceptedAt = Date.now();
    const shownAt = Number(await (await appeared).jsonValue());
    const latencyMs = Math.max(0, shownAt - acceptedAt);
    process.stdout.write(`dashboard e2e: POST 202 → visible in the live feed: ${Math.round(latencyMs)} ms\n`);
    expect(latencyMs).toBeLessThan(2000);
    await expect(feedOf(page).getByRole('button', { name: new RegExp(escapeRegExp(headline)) }).isVisible()).resolves.toBe(true);
    await expect(page.evaluate(() => performance.timeOrigin)).resolves.toBe(loadedAt);
    await page.screenshot({ path: artifactPath('dashboard-theatre-live-event.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('hides the CSTO deployment as of 4 January 2022, set in the date field or on the time slider, and shows it live', async () => {
    const { page, errors } = await openPage('#/theatre/kz');
    const deployments = deploymentsOf(page);
    const cstoRow = deployments.getByRole('row', { name: /^CSTO / });
    const feed = page.getByRole('complementary', { name: 'Event feed' });
    const banner = page.getByText('Not live — viewing the past');
    await cstoRow.first().waitFor({ timeout: 20_000 });

    /** Kazakhstan before the CSTO was asked in (6 January): protests, no forces. */
    const beforeTheCsto = async (): Promise<void> => {
      await banner.waitFor();
      // The past comes from the query API, the source of truth, not from the browser's own fold.
      await page.getByText(/state from the query API/).waitFor({ timeout: 10_000 });
      await deployments.getByText('No deployments reported.').waitFor();
      expect(await cstoRow.count()).toBe(0);
      await feed.getByRole('heading', { name: 'Feed up to the moment shown' }).waitFor();
      await feed.getByRole('button', { name: new RegExp(escapeRegExp(FIRST_KZ_SUMMARY)) }).waitFor();
      expect(await feed.getByRole('button', { name: new RegExp(escapeRegExp(CSTO_SUMMARY)) }).count()).toBe(0);
    };
    const live = async (): Promise<void> => {
      await cstoRow.first().waitFor({ timeout: 10_000 });
      await banner.waitFor({ state: 'detached' });
      await feed.getByRole('heading', { name: 'Live feed' }).waitFor();
      await feed.getByRole('button', { name: new RegExp(escapeRegExp(CSTO_SUMMARY)) }).waitFor();
    };

    // The exact moment, typed into the date field.
    await page.getByLabel('Exact moment (UTC)').fill('2022-01-04T00:00');
    await eventually(
      async () => (decodeURIComponent(new URL(page.url()).hash).includes('asOf=2022-01-04T00:00:00.000Z') ? true : undefined),
      5000,
      'the route to hold 4 January 00:00',
    );
    await page.getByText('04 Jan 2022 00:00 UTC', { exact: true }).waitFor();
    await beforeTheCsto();
    await page.screenshot({ path: artifactPath('dashboard-theatre-past-2022-01-04.png'), fullPage: true });
    await page.getByRole('button', { name: /^Back to live/ }).click();
    await live();
    await page.screenshot({ path: artifactPath('dashboard-theatre-back-to-live.png'), fullPage: true });

    // The slider runs over the theatre's events in 1,000 steps: read its ends off the control
    // itself, click near 4 January, then step with the arrow keys to the first step at or after it.
    const slider = page.getByRole('slider', { name: /^Moment to show/ });
    const momentOf = async (): Promise<number> => Date.parse((await slider.getAttribute('aria-valuetext')) ?? '');
    await slider.focus();
    // Live, the slider stands at its end: Home leaves live mode at the start, End goes to the end.
    await page.keyboard.press('Home');
    await banner.waitFor();
    const from = await momentOf();
    await page.keyboard.press('End');
    await eventually(async () => ((await momentOf()) > from ? true : undefined), 5000, 'the slider to move to its end');
    const to = await momentOf();
    const steps = Number((await slider.getAttribute('max')) ?? '1000');
    const wanted = Math.ceil(((Date.parse('2022-01-04T00:00:00Z') - from) / (to - from)) * steps);
    const box = await slider.boundingBox();
    if (!box) throw new Error('the slider is not on screen');
    await page.mouse.click(box.x + 8 + ((box.width - 16) * wanted) / steps, box.y + box.height / 2);
    for (let i = 0; i < 20 && Number(await slider.inputValue()) !== wanted; i += 1) {
      await page.keyboard.press(Number(await slider.inputValue()) < wanted ? 'ArrowRight' : 'ArrowLeft');
    }
    expect(Number(await slider.inputValue())).toBe(wanted);
    const chosen = await momentOf();
    // A step is about 11 minutes: at or just after midnight on the 4th, two days before the CSTO's request.
    expect(new Date(chosen).toISOString().slice(0, 10)).toBe('2022-01-04');
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`asOf=${new Date(chosen).toISOString().slice(0, 16)}`);
    await beforeTheCsto();
    await page.screenshot({ path: artifactPath('dashboard-theatre-past-slider.png'), fullPage: true });

    await page.getByRole('button', { name: '● Live' }).click();
    await live();
    expect(errors).toEqual([]);
  });

  it('says it is reconnecting while the projection restarts, then resumes without a reload and shows what it missed', async () => {
    const { page, errors } = await openPage('#/theatre/kz');
    await feedOf(page).getByRole('button', { name: new RegExp(escapeRegExp(CSTO_SUMMARY)) }).waitFor({ timeout: 20_000 });
    await connection(page, 'Live').waitFor({ timeout: 10_000 });
    const loadedAt = await page.evaluate(() => performance.timeOrigin);
    const port = Number(new URL(projection.url).port);

    // A crash, not a goodbye: the socket just drops.
    await projection.stop('SIGKILL');
    running.delete(projection);
    await connection(page, 'Reconnecting').waitFor({ timeout: 5000 });
    await page.screenshot({ path: artifactPath('dashboard-theatre-reconnecting.png'), fullPage: true });

    const missed = `E2E while the projection was down ${randomUUID()}`;
    await postEvents(ingest.url, liveAssessment(missed, 2));

    const restartedAt = Date.now();
    projection = await track(startProjection(topicPrefix, { port }));
    await connection(page, 'Live').waitFor({ timeout: 45_000 }).catch((error: unknown) => {
      throw new Error(`the page did not reconnect: ${String(error)}\n${tail(projection.logFile)}`);
    });
    await feedOf(page).getByRole('button', { name: new RegExp(escapeRegExp(missed)) }).waitFor({ timeout: 10_000 });
    process.stdout.write(`dashboard e2e: projection restarted and the page live again after ${Date.now() - restartedAt} ms\n`);

    // Live again, not just caught up: a new event still arrives.
    const after = `E2E after the restart ${randomUUID()}`;
    await postEvents(ingest.url, liveAssessment(after, 3));
    await feedOf(page).getByRole('button', { name: new RegExp(escapeRegExp(after)) }).waitFor({ timeout: 5000 });
    await expect(page.evaluate(() => performance.timeOrigin)).resolves.toBe(loadedAt);
    await page.screenshot({ path: artifactPath('dashboard-theatre-resumed.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
