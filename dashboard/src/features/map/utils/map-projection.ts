import { geoCircle, geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { PROTEST_STAGES, type CrisisEvent, type EventType, type Location } from '@watchfloor/events';
import type { FeatureCollection, Geometry, MultiPoint } from 'geojson';

/**
 * The offline map: Natural Earth country shapes (world-atlas) projected with d3-geo onto the
 * theatre's box, and one marker per located event. Marker size says how severe the event is;
 * a ring around it says how precisely the place is known (a city, a region, only the country).
 */

export interface GeoBounds {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

export interface MapSize {
  readonly width: number;
  readonly height: number;
}

/** Radius of the uncertainty ring by location precision, in km. */
export const PRECISION_RADIUS_KM: Readonly<Record<Location['precision'], number>> = {
  exact: 0,
  city: 20,
  region: 150,
  country: 500,
};

const KM_PER_DEGREE = 111.195;

/** The box's corners: fitting to points avoids d3-geo's winding rules for spherical polygons. */
const corners = (b: GeoBounds): MultiPoint => ({
  type: 'MultiPoint',
  coordinates: [
    [b.west, b.south],
    [b.east, b.south],
    [b.east, b.north],
    [b.west, b.north],
  ],
});

/** A Mercator projection that frames `bounds` in the map, `padding` px inside its edges. */
export const fitProjection = (bounds: GeoBounds, size: MapSize, padding = 12): GeoProjection =>
  geoMercator().fitExtent(
    [
      [padding, padding],
      [Math.max(padding + 1, size.width - padding), Math.max(padding + 1, size.height - padding)],
    ],
    corners(bounds),
  );

/**
 * The box around the events' places and their uncertainty rings, widened by a margin and to a
 * sensible minimum, when the server names no bounds for the theatre.
 */
export const boundsOfEvents = (events: readonly CrisisEvent[], minSpanDegrees = 8): GeoBounds | undefined => {
  const located = events.flatMap((event) => (event.location ? [event.location] : []));
  if (located.length === 0) return undefined;
  let south = Infinity;
  let north = -Infinity;
  let west = Infinity;
  let east = -Infinity;
  for (const { lat, lon, precision } of located) {
    const dLat = PRECISION_RADIUS_KM[precision] / KM_PER_DEGREE;
    const dLon = dLat / Math.max(0.2, Math.cos((lat * Math.PI) / 180));
    south = Math.min(south, lat - dLat);
    north = Math.max(north, lat + dLat);
    west = Math.min(west, lon - dLon);
    east = Math.max(east, lon + dLon);
  }
  const widen = (low: number, high: number, limit: number): [number, number] => {
    const span = Math.max(minSpanDegrees, (high - low) * 1.1);
    const middle = (low + high) / 2;
    return [Math.max(-limit, middle - span / 2), Math.min(limit, middle + span / 2)];
  };
  const [s, n] = widen(south, north, 85);
  const [w, e] = widen(west, east, 180);
  return { south: s, north: n, west: w, east: e };
};

/** How severe an event is, 0–1, for the marker's size. */
export const severityOfEvent = (event: CrisisEvent): number => {
  switch (event.type) {
    case 'protest.escalated':
      return (PROTEST_STAGES.indexOf(event.data.stage) + 1) / PROTEST_STAGES.length;
    case 'casualties.reported': {
      const figure = (r: { low?: number; best?: number; high?: number } | undefined): number => r?.best ?? r?.high ?? r?.low ?? 0;
      const weighted = 4 * figure(event.data.killed) + figure(event.data.injured);
      // A thousand weighted casualties or more is the largest marker.
      return Math.min(1, Math.log10(1 + weighted) / 3);
    }
    case 'troops.deployed': {
      const troops = event.data.troops?.best ?? event.data.troops?.high ?? event.data.troops?.low;
      return troops === undefined ? 0.5 : Math.min(1, Math.log10(1 + troops) / 5);
    }
    case 'diplomacy.meeting':
      return event.data.outcome === 'deadlock' ? 0.5 : 0.3;
    case 'diplomacy.statement':
      return { supportive: 0.2, conciliatory: 0.2, neutral: 0.2, critical: 0.35, hostile: 0.5 }[event.data.stance];
    case 'situation.assessed':
      return event.data.assessment === 'deteriorating' ? 0.6 : 0.3;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

export interface MapMarker {
  readonly eventId: string;
  readonly type: EventType;
  readonly x: number;
  readonly y: number;
  /** Marker radius, px. */
  readonly r: number;
  /** SVG path of the precision ring, absent for exact places. */
  readonly ring?: string;
  readonly precision: Location['precision'];
  readonly place: string;
  readonly t: number;
  readonly retracted: boolean;
}

export const MIN_MARKER_RADIUS = 4;
export const MAX_MARKER_RADIUS = 13;

/**
 * Markers for the events with a location, newest last (drawn on top). Events at the same spot
 * are fanned out on a small spiral so each stays clickable. Markers outside the map are dropped.
 */
/** Projected places and their rings, for one projection: a place is projected once, not on every redraw. */
export type PlaceCache = Map<string, { readonly point: readonly [number, number] | null; readonly ring: string | null }>;

export const projectMarkers = (events: readonly CrisisEvent[], projection: GeoProjection, size: MapSize, cache: PlaceCache = new Map()): MapMarker[] => {
  const path = geoPath(projection);
  const place = (location: Location) => {
    const key = `${location.lat},${location.lon},${location.precision}`;
    let found = cache.get(key);
    if (found === undefined) {
      const radiusKm = PRECISION_RADIUS_KM[location.precision];
      found = {
        point: projection([location.lon, location.lat]),
        ring: radiusKm > 0 ? path(geoCircle().center([location.lon, location.lat]).radius(radiusKm / KM_PER_DEGREE).precision(10)()) : null,
      };
      cache.set(key, found);
    }
    return found;
  };
  const seen = new Map<string, number>();
  const ordered = events.filter((event) => event.location).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const markers: MapMarker[] = [];
  for (const event of ordered) {
    const location = event.location;
    if (!location) continue;
    const { point, ring } = place(location);
    if (!point) continue;
    const [px, py] = point;
    if (px < 0 || py < 0 || px > size.width || py > size.height) continue;
    const spot = `${location.lat.toFixed(3)},${location.lon.toFixed(3)}`;
    const stacked = seen.get(spot) ?? 0;
    seen.set(spot, stacked + 1);
    const angle = stacked * 2.4;
    const distance = stacked === 0 ? 0 : 6 + 2.2 * Math.sqrt(stacked) * 3;
    markers.push({
      eventId: event.id,
      type: event.type,
      x: px + Math.cos(angle) * distance,
      y: py + Math.sin(angle) * distance,
      r: MIN_MARKER_RADIUS + (MAX_MARKER_RADIUS - MIN_MARKER_RADIUS) * severityOfEvent(event),
      ...(ring && stacked === 0 && { ring }),
      precision: location.precision,
      place: location.name,
      t: Date.parse(event.occurredAt),
      retracted: event.verification === 'retracted',
    });
  }
  return markers;
};

/**
 * Country shapes are projected once, onto a fixed Mercator plane: a map's frame (fitProjection
 * changes only the scale and the translation) is that plane scaled and moved, an SVG transform,
 * so a new frame never re-projects the world.
 */
export const REFERENCE_SCALE = 1000;

export const referenceProjection = (): GeoProjection => geoMercator().scale(REFERENCE_SCALE).translate([0, 0]);

/** The SVG transform that puts the reference plane where `projection` (from fitProjection) draws. */
export const planeTransform = (projection: GeoProjection): string => {
  const [tx, ty] = projection.translate();
  return `translate(${tx},${ty}) scale(${projection.scale() / REFERENCE_SCALE})`;
};

/**
 * A string in one piece. d3-geo builds a path by appending to a string point by point, and V8
 * keeps such a string as a tree of its pieces: the world's shapes were half a million small
 * objects on the heap, which every major garbage collection walked while the page streamed.
 */
export const flatString = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

/** SVG paths of the country shapes, for the projection. */
export const countryPaths = (countries: FeatureCollection<Geometry>, projection: GeoProjection): { readonly id: string; readonly d: string }[] => {
  const path = geoPath(projection);
  return countries.features.flatMap((feature, i) => {
    const d = path(feature);
    return d ? [{ id: `${String(feature.id ?? "")}-${i}`, d: flatString(d) }] : [];
  });
};
