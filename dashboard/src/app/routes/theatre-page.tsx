import { escalationIndex, forcesDeployed, type CasualtyEstimate } from '@watchfloor/crisis-state';
import { useCallback, useMemo, useState } from 'react';
import { BandChip, StageChip } from '../../components/chips';
import { Measured } from '../../components/measured';
import { Empty, Panel } from '../../components/panel';
import { BAND_COLOUR } from '../../config/palette';
import { CasualtyChart } from '../../features/casualties/components/casualty-chart';
import { CasualtyClaims } from '../../features/casualties/components/casualty-claims';
import { DeploymentTimeline } from '../../features/deployments/components/deployment-timeline';
import { DiplomacyPanel } from '../../features/diplomacy/components/diplomacy-panel';
import { EscalationChart, WhyList } from '../../features/escalation/components/escalation-chart';
import { EventDetail } from '../../features/feed/components/event-detail';
import { LiveEventFeed } from '../../features/feed/components/event-feed';
import { useEventRecord } from '../../features/feed/hooks/use-event-record';
import { useTheatreEvents } from '../../features/feed/hooks/use-theatre-events';
import { correctionsOf } from '../../features/feed/utils/corrections';
import { filterFeed, NO_FILTER, type FeedFilter } from '../../features/feed/utils/feed-filter';
import { TheatreMap } from '../../features/map/components/theatre-map';
import { ProtestStageChart } from '../../features/protests/components/protest-stage-chart';
import { useTheatreStream } from '../../features/theatre-stream/hooks/use-theatre-stream';
import { LIVE_EVALUATION_STEP_MS, useTheatreView } from '../../features/theatre-stream/hooks/use-theatre-view';
import { clockSpans } from '../../features/time-travel/utils/time-range';
import { useSteppedNow } from '../../hooks/use-clock';
import { useThrottled } from '../../hooks/use-throttled';
import { useRoute } from '../../hooks/use-route';
import type { TheatreListing } from '../../lib/backend';
import { compact, count, formatRange, humanise } from '../../lib/format';
import { indexSeries } from '../../lib/index-series';
import { useServices } from '../../lib/services';
import { DAY_MS, formatInstant } from '../../lib/time';
import { chartWindow, WINDOW_CHOICES, type WindowChoice } from '../../lib/time-window';
import { usePublishSpans } from '../time-bar';

/** A headline range: "24–111", or one figure when the sources agree. */
const span = (estimate: CasualtyEstimate | undefined): string =>
  estimate === undefined ? '—' : estimate.low === estimate.high ? compact(estimate.low) : `${compact(estimate.low)}–${compact(estimate.high)}`;

/**
 * A headline figure's size: the usual 28 px, smaller as the text grows, so that a long range
 * still fits its card (bold tabular digits are up to about 0.7 em wide; a cqi is a hundredth
 * of the card's width).
 */
const figureSize = (text: string): string | undefined => (text.length > 5 ? `min(28px, ${(100 / (0.75 * text.length)).toFixed(1)}cqi)` : undefined);

const ORIGIN_TEXT = {
  stream: 'folded live in the browser from the stream',
  server: 'from the query API',
  browser: 'folded in the browser (the query API did not answer)',
  // The past is asked of the query API after a short pause: until it answers, the browser's fold stands in.
  waiting: 'folded in the browser until the query API answers',
  none: '',
} as const;

/**
 * The page follows the stream at most this often: its views are folded every 500 ms anyway
 * (useTheatreView), and a render of the page on every frame of a busy stream costs the frame.
 */
const PAGE_PACE_MS = 250;

/**
 * The feed follows the stream four times a second: each new row moves every row below it, and
 * repainting the list on every frame of a busy stream costs the page its frame rate.
 */
const FEED_PACE_MS = 250;

/**
 * The escalation index, its trend and the forces deployed follow the state twice a second, on
 * their own slot: 375 ms past each second and half second, between the charts' slots (0, 250,
 * 500, 750 ms; see useChartBeat) and the view's (125 ms, useTheatreView).
 */
const HEADLINE_PACE_MS = 500;
const HEADLINE_SLOT_MS = 375;

/** Past this many events the heavy panels slow down their repaint. */
const BIG_THEATRE = 10_000;

interface ChartInputs {
  readonly version: string;
  /** The newest event's occurredAt. */
  readonly last: number | undefined;
  readonly at: number;
}

/**
 * A chart's version and window on its own beat: once per `pace`, on the slot `offset` into it.
 * Live, the window ends at the newest event, which moves with every one, so it follows the beat
 * too; in the past it follows the moment chosen at once.
 */
const useChartBeat = (inputs: ChartInputs, live: boolean, first: number | undefined, choice: WindowChoice, pace: number, offset: number) => {
  const beat = useThrottled(inputs, pace, offset);
  const ends = live ? beat : inputs;
  const { from, to } = chartWindow(first, ends.last, ends.at, choice);
  // The same object while the edges hold (they move in steps, see chartWindow): a chart given a
  // new window redraws, and recharts re-registers its axis.
  const window = useMemo(() => ({ from, to }), [from, to]);
  return { version: beat.version, window, at: ends.at };
};

/** One theatre: every panel of the issue, composed from the features. */
export default function TheatrePage({
  theatre,
  listing,
  worldClock,
}: {
  readonly theatre: string;
  readonly listing: TheatreListing | undefined;
  /** The server's world clock from the theatre list. */
  readonly worldClock: number | undefined;
}) {
  const route = useRoute();
  const { router } = useServices();
  // The view is evaluated at a moment that steps every ten seconds: the page renders when it steps, not on every tick.
  const now = useSteppedNow(LIVE_EVALUATION_STEP_MS);
  // The page derives from the stream at its own pace; the feed subscribes by itself (LiveEventFeed).
  const stream = useTheatreStream(theatre, PAGE_PACE_MS);
  const result = useTheatreView(stream, route.time, now, worldClock);
  const events = useTheatreEvents(theatre, PAGE_PACE_MS);
  const [filter, setFilter] = useState<FeedFilter>(NO_FILTER);
  const [windowChoice, setWindowChoice] = useState<WindowChoice>('all');
  const { state, view, evaluation } = result;

  const open = useCallback((eventId: string): void => router.navigate({ ...route, event: eventId }), [router, route]);
  const close = useCallback((): void => {
    const { event: _closed, ...rest } = route;
    router.navigate(rest);
  }, [router, route]);
  // The map and diplomacy panels, which redraw far more than the feed, once a second, on their own slot of it.
  const big = (stream.state?.timeline.length ?? 0) > BIG_THEATRE;
  // Keyed on the store's snapshot: `events` itself is a new object on every render.
  const eventsNow = useMemo(() => ({ events: events.events, byId: events.byId }), [events.events, events.byId]);
  const pace = big ? 2000 : 1000;
  const slowEvents = useThrottled(eventsNow, pace, pace * 0.75);
  const onFilterChange = useCallback(({ until: _shownMoment, ...chosen }: FeedFilter) => setFilter(chosen), []);

  const first = state?.timeline[0]?.occurredAt;
  const last = state?.lastOccurredAt;
  // Charts fold the whole history: they follow the stream once a second, a busy theatre less
  // often, each on its own slot of the second so that no task draws them all.
  const chartInputs = useMemo(() => ({ version: result.version, last, at: evaluation.at }), [result.version, last, evaluation.at]);
  const escalationBeat = useChartBeat(chartInputs, route.time.live, first, windowChoice, pace, 0);
  const casualtyBeat = useChartBeat(chartInputs, route.time.live, first, windowChoice, pace, pace * 0.25);
  const protestBeat = useChartBeat(chartInputs, route.time.live, first, windowChoice, pace, pace * 0.5);
  // The deployments' timeline on a slot of its own, near the end of the second: drawn with the
  // protests (its window) and again with every view (its rows), it committed hundreds of SVG
  // attributes in the tasks of both.
  const deploymentBeat = useChartBeat(chartInputs, route.time.live, first, windowChoice, pace, pace * 0.94);
  const liveDeployments = useThrottled(view?.deployments, pace, pace * 0.94);
  const deployments = route.time.live ? liveDeployments : undefined;
  // The headline figures fold the whole state too: on a slot of their own, not in the view's task.
  const headlineVersion = useThrottled(result.version, HEADLINE_PACE_MS, HEADLINE_SLOT_MS);
  const spans = useMemo(() => (stream.state ? clockSpans(stream.state.timeline) : {}), [stream.state, headlineVersion]);
  usePublishSpans(spans);

  const folded = useMemo(() => state && escalationIndex(state, new Date(evaluation.at), { explain: 8 }), [state, evaluation.at, headlineVersion]);
  const escalation = folded ?? view?.escalation;
  const dayBefore = useMemo(() => (state ? indexSeries(state, [evaluation.at - DAY_MS])[0] : undefined), [state, evaluation.at, headlineVersion]);
  const forces = useMemo(() => (state ? forcesDeployed(state) : undefined), [state, headlineVersion]);
  const trend = escalation && dayBefore ? Math.round((escalation.value - dayBefore.value) * 10) / 10 : undefined;

  const until = route.time.live ? undefined : { at: route.time.at, basis: route.time.basis };
  const feedFilter = useMemo(() => ({ ...filter, ...(until && { until }) }), [filter, until?.at, until?.basis]);
  const mapEvents = useMemo(() => filterFeed(slowEvents.events, feedFilter), [slowEvents.events, feedFilter]);
  const record = useEventRecord(theatre, route.event, events.byId, stream.state);
  const name = listing?.name ?? theatre.toUpperCase();

  return (
    <>
      {evaluation.kind === 'historic' && (
        <p className="historic-note" role="note">
          The world clock stands at {formatInstant(evaluation.at)}, the latest event reported anywhere: the escalation index is evaluated there, as the
          server does, not at today’s date.
        </p>
      )}
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">{name}</h1>
        {stream.error && <p className="error">Live stream: {stream.error}</p>}
        {result.error && result.origin !== 'stream' && <p className="error">Query API: {result.error}</p>}
        {!view ? (
          <Empty>{result.loading ? 'Waiting for the theatre’s state…' : 'No state for this theatre.'}</Empty>
        ) : (
          <div className="theatre-layout">
            <div className="grid">
              <section className="kpis" aria-label="Headline figures">
                <div className="kpi" style={{ borderLeft: `5px solid ${escalation ? BAND_COLOUR[escalation.band] : 'var(--border)'}` }}>
                  <div className="label">Escalation index</div>
                  <div className="value" style={{ color: escalation ? BAND_COLOUR[escalation.band] : undefined }}>
                    {escalation ? escalation.value.toFixed(1) : '—'}
                  </div>
                  <div className="sub">
                    {escalation && <BandChip band={escalation.band} />}{' '}
                    {trend !== undefined && <span className="num">{trend > 0 ? `▲ ${trend}` : trend < 0 ? `▼ ${-trend}` : '▶ 0'} in 24 h</span>}
                  </div>
                </div>
                <div className="kpi">
                  <div className="label">Killed</div>
                  <div className="value num" title={formatRange(view.casualties.killed)} style={{ fontSize: figureSize(span(view.casualties.killed)) }}>
                    {span(view.casualties.killed)}
                  </div>
                  <div className="sub">
                    {view.casualties.killed ? `best ${view.casualties.killed.best} · ${count(view.casualties.killed.sources.length, 'source')}` : 'no reports'}
                  </div>
                </div>
                <div className="kpi">
                  <div className="label">Injured</div>
                  <div className="value num" title={formatRange(view.casualties.injured)} style={{ fontSize: figureSize(span(view.casualties.injured)) }}>
                    {span(view.casualties.injured)}
                  </div>
                  <div className="sub">
                    {view.casualties.injured ? `best ${view.casualties.injured.best} · ${count(view.casualties.injured.sources.length, 'source')}` : 'no reports'}
                  </div>
                </div>
                <div className="kpi">
                  <div className="label">Forces deployed</div>
                  <div className="value num">{forces ?? new Set(view.deployments.filter((d) => d.phase === 'deploying' || d.phase === 'deployed' || d.phase === 'withdrawing').map((d) => d.force)).size}</div>
                  <div className="sub">{count(view.deployments.length, 'contingent')} reported</div>
                </div>
                <div className="kpi">
                  <div className="label">Protest stage</div>
                  <div className="value" style={{ fontSize: 20, paddingTop: 6 }}>
                    {view.protests.stage ? <StageChip stage={view.protests.stage} /> : '—'}
                  </div>
                  <div className="sub">{count(view.protests.places.length, 'place')}</div>
                </div>
                <div className="kpi">
                  <div className="label">Assessment</div>
                  <div className="value" style={{ fontSize: 20, paddingTop: 4 }}>
                    {view.assessment ? humanise(view.assessment.assessment) : '—'}
                  </div>
                  <div className="sub" title={view.assessment?.summary}>
                    {view.assessment ? `${view.assessment.assessor}` : 'none yet'}
                  </div>
                </div>
              </section>

              <div className="theatre-main">
                <Panel
                  title="Escalation index"
                  className="span-2"
                  actions={
                    <div className="segmented" role="group" aria-label="Time span of the charts">
                      {(Object.keys(WINDOW_CHOICES) as WindowChoice[]).map((choice) => (
                        <button key={choice} type="button" aria-pressed={windowChoice === choice} onClick={() => setWindowChoice(choice)}>
                          {choice}
                        </button>
                      ))}
                    </div>
                  }
                >
                  {state ? (
                    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(260px, 2fr)', gap: 12 }}>
                      <Measured>{(width) => <EscalationChart state={state} version={escalationBeat.version} window={escalationBeat.window} width={width} at={escalationBeat.at} />}</Measured>
                      <div>
                        <h3 className="chart-title">Why: largest contributions at {formatInstant(evaluation.at)}</h3>
                        <WhyList contributions={escalation?.contributions ?? []} onOpen={open} />
                      </div>
                    </div>
                  ) : (
                    <WhyList contributions={escalation?.contributions ?? []} onOpen={open} />
                  )}
                </Panel>

                <Panel title="Casualties over time">
                  {state ? (
                    <Measured>{(width) => <CasualtyChart state={state} version={casualtyBeat.version} window={casualtyBeat.window} width={width} onOpen={open} />}</Measured>
                  ) : (
                    <Empty>The time series needs the live stream.</Empty>
                  )}
                  <details open={false} style={{ marginTop: 8 }}>
                    <summary className="muted">
                      Who claimed what: killed {formatRange(view.casualties.killed)}, injured {formatRange(view.casualties.injured)}, detained{' '}
                      {formatRange(view.casualties.detained)}
                    </summary>
                    <CasualtyClaims casualties={view.casualties} onOpen={open} />
                  </details>
                </Panel>

                <Panel title="Map">
                  <Measured fallback={480}>{(width) => <TheatreMap events={mapEvents} bounds={listing?.bounds} width={width} onOpen={open} />}</Measured>
                </Panel>

                <Panel title="Protest stage by place">
                  {state ? (
                    <Measured fallback={480}>{(width) => <ProtestStageChart state={state} version={protestBeat.version} window={protestBeat.window} width={width} onOpen={open} />}</Measured>
                  ) : (
                    <Empty>The time series needs the live stream.</Empty>
                  )}
                </Panel>

                <Panel title="Deployments">
                  <Measured>{(width) => <DeploymentTimeline deployments={deployments ?? view.deployments} window={deploymentBeat.window} width={width} onOpen={open} />}</Measured>
                </Panel>

                <Panel title="Diplomacy" className="span-2">
                  <DiplomacyPanel diplomacy={view.diplomacy} events={slowEvents.byId} onOpen={open} />
                </Panel>
              </div>
              <p className="faint" style={{ fontSize: 12 }}>
                {count(view.eventCount, 'event')} · state {ORIGIN_TEXT[result.origin === 'browser' && result.error === undefined ? 'waiting' : result.origin]}
                {stream.rejected + events.rejected > 0 && ` · ${stream.rejected + events.rejected} unreadable events dropped`}
              </p>
            </div>

            <aside className="theatre-side" aria-label="Event feed">
              <Panel title={route.time.live ? 'Live feed' : 'Feed up to the moment shown'}>
                {events.loadError && <p className="error">{events.loadError}</p>}
                <LiveEventFeed store={events.store} paceMs={FEED_PACE_MS} filter={feedFilter} onFilterChange={onFilterChange} onOpen={open} loadMore={events.loadMore} loadingMore={events.loadingMore} />
              </Panel>
            </aside>
          </div>
        )}
      </main>
      {route.event && (
        <EventDetail
          eventId={route.event}
          event={record.event}
          fact={stream.state?.applied.get(route.event)}
          loading={record.loading}
          {...(record.error !== undefined && { error: record.error })}
          corrections={correctionsOf(route.event, stream.state)}
          onOpen={open}
          onClose={close}
        />
      )}
    </>
  );
}
