import { useMemo } from 'react';
import { Empty } from '../../components/panel';
import { useTheatreStreams } from '../../features/theatre-stream/hooks/use-theatre-streams';
import { TheatreCard } from '../../features/theatres/components/theatre-card';
import type { TheatreListingState } from '../../features/theatres/hooks/use-theatre-listing';
import { cardModel } from '../../features/theatres/utils/card-model';
import { clockSpans, mergeSpans } from '../../features/time-travel/utils/time-range';
import { useNow } from '../../hooks/use-clock';
import { useRoute } from '../../hooks/use-route';
import { useThrottled } from '../../hooks/use-throttled';
import { formatRoute } from '../../lib/hash-route';
import { worldClockOf } from '../../lib/time';
import { usePublishSpans } from '../time-bar';

/** Live streams for this many theatres at most; the rest show the server's summary. */
const STREAMED = 16;

export function OverviewPage({ listing }: { readonly listing: TheatreListingState }) {
  const route = useRoute();
  const now = useNow();
  const ids = useMemo(() => listing.theatres.slice(0, STREAMED).map((t) => t.id), [listing.theatres]);
  const streams = useTheatreStreams(ids);
  // Cards fold each theatre's recent history: once a second is often enough for a glance.
  const versions = useThrottled(streams.map((s) => `${s.theatre}:${s.version}`).join(','), 1000);
  const spans = useMemo(
    () => mergeSpans(streams.flatMap((s) => (s.state ? [clockSpans(s.state.timeline)] : []))),
    // The states change in place; `versions` says when.
    [versions],
  );
  const steppedNow = Math.floor(now / 10_000) * 10_000;
  const models = useMemo(
    () => {
      const worldClock = worldClockOf(steppedNow, [listing.evaluatedAt, ...streams.map((s) => s.state?.lastOccurredAt)]);
      return listing.theatres.map((theatre) => {
        const stream = streams.find((s) => s.theatre === theatre.id);
        return cardModel(theatre, stream?.state, route.time, steppedNow, worldClock);
      });
    },
    [listing.theatres, listing.evaluatedAt, versions, route.time, steppedNow],
  );
  usePublishSpans(spans);
  return (
    <>
      <main id="main" tabIndex={-1}>
        <h1 className="visually-hidden">Theatres</h1>
        {listing.error && <p className="error">Theatres could not be read: {listing.error}</p>}
        {listing.loading && listing.theatres.length === 0 ? (
          <Empty>Loading theatres…</Empty>
        ) : listing.theatres.length === 0 ? (
          <Empty>No theatres yet.</Empty>
        ) : (
          <div className="grid overview-grid">
            {models.map((model, i) => (
              <TheatreCard key={model.id} model={model} href={formatRoute({ page: { name: 'theatre', theatre: model.id }, time: route.time })} shortcut={i < 9 ? i + 1 : undefined} />
            ))}
          </div>
        )}
      </main>
    </>
  );
}
