import { EVENT_TYPE_NAMES, VERIFICATION, type EventType, type Verification } from '@watchfloor/events';
import { memo } from 'react';
import { TYPE_COLOUR, TYPE_LABEL } from '../../../config/palette';
import { humanise, RELIABILITY_TEXT } from '../../../lib/format';
import type { FeedFilter } from '../utils/feed-filter';

const toggle = <T,>(set: ReadonlySet<T>, item: T): ReadonlySet<T> => {
  const next = new Set(set);
  if (next.has(item)) next.delete(item);
  else next.add(item);
  return next;
};

const MIN_RELIABILITY = ['A', 'B', 'C', 'D', 'E'] as const;

/** Memoised: the feed redraws with every event, the filters only when they change. */
export const FeedFilters = memo(function FeedFilters({ filter, onChange }: { readonly filter: FeedFilter; readonly onChange: (filter: FeedFilter) => void }) {
  return (
    <div className="feed-filters" role="group" aria-label="Feed filters">
      <div className="chips" role="group" aria-label="Event types">
        {EVENT_TYPE_NAMES.map((type: EventType) => (
          <button
            key={type}
            type="button"
            className="chip"
            aria-pressed={filter.types.has(type)}
            style={{ ['--chip' as string]: TYPE_COLOUR[type] }}
            onClick={() => onChange({ ...filter, types: toggle(filter.types, type) })}
          >
            {TYPE_LABEL[type]}
          </button>
        ))}
      </div>
      <div className="chips" role="group" aria-label="Verification">
        {VERIFICATION.map((status: Verification) => (
          <button
            key={status}
            type="button"
            className="chip"
            aria-pressed={filter.verification.has(status)}
            onClick={() => onChange({ ...filter, verification: toggle(filter.verification, status) })}
          >
            {humanise(status)}
          </button>
        ))}
      </div>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <label>
          <span className="muted">Source reliability </span>
          <select
            value={filter.minReliability ?? ''}
            onChange={(event) => {
              const value = MIN_RELIABILITY.find((r) => r === event.target.value);
              const { minReliability: _dropped, ...rest } = filter;
              onChange(value ? { ...rest, minReliability: value } : rest);
            }}
          >
            <option value="">any</option>
            {MIN_RELIABILITY.map((r) => (
              <option key={r} value={r}>
                {r === 'A' ? 'A only' : `A–${r}`} ({RELIABILITY_TEXT[r]}{r === 'A' ? '' : ' or better'})
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          placeholder="Search summary, place, source"
          aria-label="Search the feed"
          value={filter.text ?? ''}
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
          style={{ flex: 1, minWidth: 140 }}
        />
      </div>
    </div>
  );
});
