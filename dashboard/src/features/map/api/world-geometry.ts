import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * Country shapes for the offline map, from world-atlas (Natural Earth 1:50m). 750 kB of
 * TopoJSON is kept out of the main bundle: it is its own chunk, loaded the first time a map is
 * shown.
 *
 * The chunk holds the file as text, parsed here on each call: imported as JSON, the arcs were a
 * 700 kB array literal that stayed on the heap for good (a hundred thousand arrays, and as many
 * boilerplates of the literal in the module's bytecode) for every major garbage collection to
 * walk while the page streams. Nothing here is kept either: the map keeps only the paths it
 * projects once from the result (see TheatreMap).
 */
export const loadCountries = (): Promise<FeatureCollection<Geometry>> =>
  import('world-atlas/countries-50m.json?raw').then((module) => {
    const topology = JSON.parse(module.default) as Topology<{ countries: GeometryCollection }>;
    return feature(topology, topology.objects.countries) as FeatureCollection<Geometry>;
  });
