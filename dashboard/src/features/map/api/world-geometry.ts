import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * Country shapes for the offline map, from world-atlas (Natural Earth 1:50m). 750 kB of
 * TopoJSON is kept out of the main bundle: it is its own chunk, loaded the first time a map is
 * shown, and converted to GeoJSON once.
 */
let loading: Promise<FeatureCollection<Geometry>> | undefined;

export const loadCountries = (): Promise<FeatureCollection<Geometry>> => {
  loading ??= import('world-atlas/countries-50m.json').then((module) => {
    const topology = (module.default ?? module) as unknown as Topology<{ countries: GeometryCollection }>;
    return feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  });
  return loading;
};
