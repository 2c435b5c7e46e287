import { EVENT_TYPE_NAMES, type CrisisEvent, type EventType, type Location } from '@watchfloor/events';
import { memo, useEffect, useMemo, useState } from 'react';
import { TYPE_COLOUR, TYPE_LABEL } from '../../../config/palette';
import { formatInstant } from '../../../lib/time';
import { loadCountries } from '../api/world-geometry';
import { boundsOfEvents, countryPaths, fitProjection, planeTransform, projectMarkers, referenceProjection, type GeoBounds, type PlaceCache } from '../utils/map-projection';
import { markerPath } from './marker-shape';

interface CountryShape {
  readonly id: string;
  readonly d: string;
}

/** The land on the reference plane, projected once per page load; the GeoJSON behind it is dropped. */
let shapesLoading: Promise<readonly CountryShape[]> | undefined;
const loadShapes = (): Promise<readonly CountryShape[]> => {
  shapesLoading ??= loadCountries().then((countries) => countryPaths(countries, referenceProjection()));
  // A failure may be retried the next time a map is shown.
  shapesLoading.catch(() => {
    shapesLoading = undefined;
  });
  return shapesLoading;
};

/** Markers drawn at most: the newest; more would hide each other anyway. */
const MAX_MARKERS = 250;

const NO_SHAPES: readonly CountryShape[] = [];

/** The land, projected once: only its transform changes with the frame. */
const Countries = memo(function Countries({ shapes, transform }: { readonly shapes: readonly CountryShape[]; readonly transform: string }) {
  return (
    <g aria-hidden="true" transform={transform}>
      {shapes.map((shape) => (
        // The plane is scaled: the outline keeps its width on screen.
        <path key={shape.id} className="country" d={shape.d} vectorEffect="non-scaling-stroke" />
      ))}
    </g>
  );
});

const Ring = memo(function Ring({ d, type }: { readonly d: string; readonly type: EventType }) {
  return <path className="ring" d={d} stroke={TYPE_COLOUR[type]} />;
});

/** One event; memoised, so a redraw of the map touches only the markers that changed. */
const Marker = memo(function Marker({
  eventId,
  type,
  r,
  x,
  y,
  place,
  precision,
  t,
  retracted,
  onOpen,
}: {
  readonly eventId: string;
  readonly type: EventType;
  readonly r: number;
  readonly x: string;
  readonly y: string;
  readonly place: string;
  readonly precision: Location['precision'];
  readonly t: number;
  readonly retracted: boolean;
  readonly onOpen: (eventId: string) => void;
}) {
  return (
    <path
      className="marker"
      data-retracted={retracted}
      d={markerPath(type, r, Number(x), Number(y))}
      fill={TYPE_COLOUR[type]}
      tabIndex={0}
      role="button"
      aria-label={`${TYPE_LABEL[type]} at ${place} (${precision} precision), ${formatInstant(t)}${retracted ? ', retracted' : ''}. Open event.`}
      onClick={() => onOpen(eventId)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(eventId);
        }
      }}
    >
      <title>{`${TYPE_LABEL[type]} — ${place}, ${formatInstant(t)}`}</title>
    </path>
  );
});

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
  const [countries, setCountries] = useState<readonly CountryShape[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    loadShapes()
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
  // Projected once (loadShapes): a new frame moves and scales the plane instead.
  const shapes = countries ?? NO_SHAPES;
  // Places are projected once per frame, not once per redraw.
  const places = useMemo<PlaceCache>(() => new Map(), [projection]);
  const markers = useMemo(() => (projection ? projectMarkers(events.slice(0, MAX_MARKERS), projection, size, places) : []), [events, projection, size, places]);
  if (!projection) return <p className="empty">No located events yet.</p>;
  const presentTypes = EVENT_TYPE_NAMES.filter((type) => markers.some((m) => m.type === type));
  return (
    <div className="map-wrap">
      <svg className="map-svg" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="group" aria-label={`Map of ${markers.length} located events`}>
        <Countries shapes={shapes} transform={planeTransform(projection)} />
        {!countries && (
          <text x={12} y={22} fill="#93a1b0" fontSize={12}>
            {failed ? 'Country shapes could not be loaded' : 'Loading country shapes…'}
          </text>
        )}
        <g aria-hidden="true">
          {markers.map((m) => m.ring && <Ring key={`ring-${m.eventId}`} d={m.ring} type={m.type} />)}
        </g>
        <g>
          {markers.map((m) => (
            <Marker
              key={m.eventId}
              eventId={m.eventId}
              type={m.type}
              r={m.r}
              x={m.x.toFixed(1)}
              y={m.y.toFixed(1)}
              place={m.place}
              precision={m.precision}
              t={m.t}
              retracted={m.retracted}
              onOpen={onOpen}
            />
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
