import { EVENT_TYPE_NAMES } from '@watchfloor/events';

/** Placeholder shell until the analyst views land (issue 4/4). */
export function App() {
  return (
    <main aria-label="Watchfloor">
      <h1>Watchfloor</h1>
      <p>Event types: {EVENT_TYPE_NAMES.join(', ')}</p>
    </main>
  );
}
