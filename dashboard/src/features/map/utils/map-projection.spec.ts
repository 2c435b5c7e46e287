import type { CrisisEvent } from '@watchfloor/events';
import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { eventsOf, ids, scenarioEvent } from '../../../testing/scenario';
import { boundsOfEvents, countryPaths, fitProjection, flatString, MAX_MARKER_RADIUS, MIN_MARKER_RADIUS, planeTransform, projectMarkers, referenceProjection, severityOfEvent, type PlaceCache } from './map-projection';

const kzBounds = { south: 40.5, west: 46.4, north: 55.5, east: 87.4 };
const size = { width: 600, height: 400 };

describe('fitProjection', () => {
  it('frames the theatre’s box inside the map', () => {
    const projection = fitProjection(kzBounds, size, 10);
    for (const [lon, lat] of [
      [kzBounds.west, kzBounds.south],
      [kzBounds.east, kzBounds.north],
    ] as const) {
      const [x, y] = projection([lon, lat]) ?? [NaN, NaN];
      expect(x).toBeGreaterThanOrEqual(9.9);
      expect(x).toBeLessThanOrEqual(590.1);
      expect(y).toBeGreaterThanOrEqual(9.9);
      expect(y).toBeLessThanOrEqual(390.1);
    }
  });
});

describe('projectMarkers', () => {
  const projection = fitProjection(kzBounds, size);

  it('puts Almaty south-east of the country’s centre, north up and east right', () => {
    const markers = projectMarkers(eventsOf('kz'), projection, size);
    const almaty = markers.find((m) => m.place === 'Almaty');
    const country = markers.find((m) => m.place === 'Kazakhstan');
    if (!almaty || !country) throw new Error('scenario places missing');
    expect(almaty.x).toBeGreaterThan(country.x);
    expect(almaty.y).toBeGreaterThan(country.y);
  });

  it('rings a place known to the city or country, not an exact one, and only once per spot', () => {
    const city = scenarioEvent(ids.almatyCityCasualties);
    const exact: CrisisEvent = { ...city, id: '00000000-0000-4000-8000-000000000040', location: { name: 'Republic Square', country: 'KZ', lat: 43.238, lon: 76.945, precision: 'exact' } };
    const markers = projectMarkers([city, exact, scenarioEvent(ids.almatyPoliceCasualties)], projection, size);
    expect(markers.find((m) => m.eventId === city.id)?.ring).toMatch(/^M/);
    expect(markers.find((m) => m.eventId === exact.id)?.ring).toBeUndefined();
    expect(markers.filter((m) => m.place === 'Almaty' && m.ring)).toHaveLength(1);
  });

  it('fans out events at the same spot so each stays clickable', () => {
    const markers = projectMarkers(eventsOf('kz'), projection, size).filter((m) => m.place === 'Almaty');
    const spots = new Set(markers.map((m) => `${Math.round(m.x)},${Math.round(m.y)}`));
    expect(markers.length).toBeGreaterThan(1);
    expect(spots.size).toBe(markers.length);
  });

  it('drops events outside the map and events without a place', () => {
    const markers = projectMarkers(eventsOf('ua-border'), projection, size);
    expect(markers).toEqual([]);
  });

  it('sizes markers by severity: a riot outweighs a peaceful protest', () => {
    const riot = severityOfEvent(scenarioEvent(ids.governmentBuildingsStormed));
    const peaceful = severityOfEvent(scenarioEvent(ids.fuelProtestsPeaceful));
    expect(riot).toBeGreaterThan(peaceful);
    const markers = projectMarkers(eventsOf('kz'), projection, size);
    expect(markers.every((m) => m.r >= MIN_MARKER_RADIUS && m.r <= MAX_MARKER_RADIUS)).toBe(true);
  });
});

describe('boundsOfEvents and country shapes', () => {
  it('frames the events and their uncertainty rings when the server names no bounds', () => {
    const bounds = boundsOfEvents(eventsOf('kz'));
    // "Kazakhstan" is known to the country (a 500 km ring round 48.0 N 66.9 E) and Almaty to the city.
    expect(bounds && bounds.west < 66.9 - 6.7 && bounds.east > 76.9 && bounds.south < 43.2 && bounds.north > 48 + 4.5).toBe(true);
    expect(boundsOfEvents([])).toBeUndefined();
  });

  it('draws Natural Earth country outlines in the projection', () => {
    // The 110m atlas is enough to test the projection; the app loads the finer 50m one.
    const topology = jest.requireActual<Topology<{ countries: GeometryCollection }>>('world-atlas/countries-110m.json');
    const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
    const paths = countryPaths(countries, fitProjection(kzBounds, size));
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.every((p) => p.d.startsWith('M'))).toBe(true);
  });
});

describe('the reference plane', () => {
  const apply = (transform: string, [x, y]: readonly [number, number]): [number, number] => {
    const match = /^translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)$/.exec(transform);
    if (!match) throw new Error(`unexpected transform ${transform}`);
    const [tx, ty, k] = match.slice(1).map(Number) as [number, number, number];
    return [tx + k * x, ty + k * y];
  };

  it('lands every place where the fitted projection puts it, for any frame', () => {
    const reference = referenceProjection();
    for (const [bounds, frameSize] of [
      [kzBounds, size],
      [{ south: 42, west: 75, north: 44.5, east: 78.5 }, { width: 900, height: 520 }],
    ] as const) {
      const projection = fitProjection(bounds, frameSize);
      for (const lonLat of [
        [76.945, 43.238],
        [51.37, 43.65],
        [71.45, 51.17],
      ] as const) {
        const [x, y] = apply(planeTransform(projection), reference([...lonLat]) ?? [NaN, NaN]);
        const [ex, ey] = projection([...lonLat]) ?? [NaN, NaN];
        expect(x).toBeCloseTo(ex, 6);
        expect(y).toBeCloseTo(ey, 6);
      }
    }
  });
});

describe('projectMarkers with a place cache', () => {
  it('draws the same markers, and projects each place only once', () => {
    const projection = fitProjection(kzBounds, size);
    const cache: PlaceCache = new Map();
    const first = projectMarkers(eventsOf('kz'), projection, size, cache);
    expect(first).toEqual(projectMarkers(eventsOf('kz'), projection, size));
    const places = new Set(eventsOf('kz').flatMap((e) => (e.location ? [`${e.location.lat},${e.location.lon},${e.location.precision}`] : [])));
    expect(cache.size).toBe(places.size);
    const spy = jest.fn(projection);
    expect(projectMarkers(eventsOf('kz'), Object.assign(spy, projection), size, cache)).toEqual(first);
    expect(spy).not.toHaveBeenCalled();
  });
});

describe('flatString', () => {
  it('is the same text, built piece by piece or not', () => {
    let built = '';
    for (let i = 0; i < 1000; i += 1) built += `L${i},${i * 2}`;
    const flat = flatString(built);
    expect(flat).toBe(built);
    expect(flat.length).toBe(built.length);
    expect(flatString('')).toBe('');
    expect(flatString('M0,0 "quoted" \\ é')).toBe('M0,0 "quoted" \\ é');
  });
});
