import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Dialog } from '../components/dialog';
import { Empty } from '../components/panel';
import { ConnectionStatus } from '../features/connection/components/connection-status';
import { useTheatreListing } from '../features/theatres/hooks/use-theatre-listing';
import { useRoute } from '../hooks/use-route';
import { formatRoute } from '../lib/hash-route';
import { ServicesProvider, useServices, type Services } from '../lib/services';
import { OverviewPage } from './routes/overview-page';
import { TimeShell } from './time-bar';
import { useShortcuts } from './use-shortcuts';

// The theatre page carries the charting library and the map: loaded when first opened.
const TheatrePage = lazy(() => import('./routes/theatre-page'));

function KeyHelp({ onClose }: { readonly onClose: () => void }) {
  const keys: [string, string][] = [
    ['L', 'back to live'],
    ['[  ]', 'an hour back / on (leaves live mode)'],
    ['1 – 9', 'open a theatre (overview)'],
    ['O', 'back to the overview'],
    ['/', 'search the feed'],
    ['Esc', 'close a dialog'],
    ['Tab', 'move between cards, chart points, map markers and feed entries; Enter opens'],
  ];
  return (
    <Dialog title="Keyboard" onClose={onClose}>
      <dl>
        {keys.map(([key, what]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

function Shell() {
  const route = useRoute();
  const { router } = useServices();
  const listing = useTheatreListing();
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((shown) => !shown), []);
  const ids = useMemo(() => listing.theatres.map((t) => t.id), [listing.theatres]);
  useShortcuts(router, ids, toggleHelp);
  const theatre = route.page.name === 'theatre' ? route.page.theatre : undefined;
  const current = theatre === undefined ? undefined : listing.theatres.find((t) => t.id === theatre);
  const overview = formatRoute({ page: { name: 'overview' }, time: route.time });
  const header = (
    <header className="app-header">
      <a className="brand" href={overview}>
        Watch<span>floor</span>
      </a>
      <nav className="crumbs" aria-label="Where you are">
        <a href={overview} aria-current={theatre === undefined ? 'page' : undefined}>
          Overview
        </a>
        {theatre !== undefined && (
          <>
            <span aria-hidden="true">/</span>
            <strong aria-current="page">{current?.name ?? theatre.toUpperCase()}</strong>
          </>
        )}
      </nav>
      <span className="header-spacer" />
      <ConnectionStatus />
      <button type="button" className="btn" onClick={toggleHelp} aria-label="Keyboard shortcuts">
        <kbd>?</kbd>
      </button>
    </header>
  );
  return (
    <div className="app" data-time={route.time.live ? 'live' : 'past'}>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      {/* In the shell, not the page: the past is marked even while a page is still loading. */}
      <TimeShell header={header}>
        {theatre === undefined ? (
          <OverviewPage listing={listing} />
        ) : (
          <Suspense fallback={<Empty>Loading the theatre view…</Empty>}>
            <TheatrePage key={theatre} theatre={theatre} listing={current} worldClock={listing.evaluatedAt} />
          </Suspense>
        )}
      </TimeShell>
      {help && <KeyHelp onClose={toggleHelp} />}
    </div>
  );
}

export function App({ services }: { readonly services: Services }) {
  return (
    <ServicesProvider services={services}>
      <Shell />
    </ServicesProvider>
  );
}
