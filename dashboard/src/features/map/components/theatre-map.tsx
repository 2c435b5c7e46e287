import { EVENT_TYPE_NAMES, type CrisisEvent } from '@watchfloor/events';
import type { FeatureCollection, Geometry } from 'geojson';
import { memo, useEffect, useMemo, useState } from 'react';
import { TYPE_COLOUR, TYPE_LABEL } from '../../../config/palette';
import { formatInstant } from '../../../lib/time';
import { loadCountries } from '../api/world-geometry';
import { boundsOfEvents, countryPaths, fitProjection, projectMarkers, type GeoBounds } from '../utils/map-projection';
import { markerPath } from './marker-shape';

/** Markers drawn at most: the newest; more would hide each other anyway. */
const MAX_MARKERS = 250;

/**
 * The theatre on an offline map: no tile server, Natural Earth shapes from world-atlas. Markers
 * by type (shape and colour), size by severity, dashed ring for how precisely the place is known.
 */
export const TheatreMap = memo(function TheatreMap({
  events,
  bounds,
  width,
  onOpen,
}: {
  readonly events: readonly CrisisEvent[];
  readonly bounds: GeoBounds | undefined;
  readonly width: number;
  readonly onOpen: (eventId: string) => void;
}) {
  const [countries, setCountries] = useState<FeatureCollection<Geometry> | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    loadCountries()
      .then((loaded) => alive && setCountries(loaded))
      .catch(() => alive && setFailed(true));
    return () => {
      alive = false;
    };
  }, []);
  const height = Math.round(Math.min(520, Math.max(240, width * 0.62)));
  const size = useMemo(() => ({ width, height }), [width, height]);
  const frame = bounds ?? boundsOfEvents(events);
  // Keyed by value: the frame is recomputed from the events as they arrive, and re-projecting
  // every country shape for an unchanged frame is the map's one expensive step.
  const frameKey = frame ? [frame.south, frame.west, frame.north, frame.east].map((n) => n.toFixed(2)).join(',') : '';
  const projection = useMemo(() => frame && fitProjection(frame, size), [frameKey, size]);
  const shapes = useMemo(() => (countries && projection ? countryPaths(countries, projection) : []), [countries, projection]);
  const markers = useMemo(() => (projection ? projectMarkers(events.slice(0, MAX_MARKERS), projection, size) : []), [events, projection, size]);
  if (!projection) return <p className="empty">No located events yet.</p>;
  const presentTypes = EVENT_TYPE_NAMES.filter((type) => markers.some((m) => m.type === type));
  return (
    <div className="map-wrap">
      <svg className="map-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Map of ${markers.length} located events`}>
        <g aria-hidden="true">
          {shapes.map((shape) => (
            <path key={shape.id} className="country" d={shape.d} />
          ))}
        </g>
        {!countries && (
          <text x={12} y={22} fill="#93a1b0" fontSize={12}>
            {failed ? 'Country shapes could not be loaded' : 'Loading country shapes…'}
          </text>
        )}
        <g aria-hidden="true">
          {markers.map((m) => m.ring && <path key={`ring-${m.eventId}`} className="ring" d={m.ring} stroke={TYPE_COLOUR[m.type]} />)}
        </g>
        <g>
          {markers.map((m) => (
            <path
              key={m.eventId}
              className="marker"
              data-retracted={m.retracted}
              d={markerPath(m.type, m.r)}
              transform={`translate(${m.x.toFixed(1)},${m.y.toFixed(1)})`}
              fill={TYPE_COLOUR[m.type]}
              tabIndex={0}
              role="button"
              aria-label={`${TYPE_LABEL[m.type]} at ${m.place} (${m.precision} precision), ${formatInstant(m.t)}${m.retracted ? ', retracted' : ''}. Open event.`}
              onClick={() => onOpen(m.eventId)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onOpen(m.eventId);
                }
              }}
            >
              <title>{`${TYPE_LABEL[m.type]} — ${m.place}, ${formatInstant(m.t)}`}</title>
            </path>
          ))}
        </g>
      </svg>
      <div className="legend" aria-hidden="true" style={{ marginTop: 6 }}>
        {presentTypes.map((type) => (
          <span key={type}>
            <svg width={14} height={14} style={{ verticalAlign: -2, marginRight: 3 }}>
              <path d={markerPath(type, 5)} transform="translate(7,7)" fill={TYPE_COLOUR[type]} />
            </svg>
            {TYPE_LABEL[type]}
          </span>
        ))}
        <span>size: severity</span>
        <span>dashed ring: place known only to city / region / country</span>
      </div>
    </div>
  );
});
