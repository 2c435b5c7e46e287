/** A theatre as the dashboard first shows it: a name, a centre, and a default view. */
export interface ScenarioTheatre {
  readonly id: string;
  readonly name: string;
  readonly centre: { readonly lat: number; readonly lon: number };
  /** Web-map zoom level (0 = whole world) that frames the theatre. */
  readonly zoom: number;
  readonly bounds: { readonly south: number; readonly west: number; readonly north: number; readonly east: number };
}

export type ScenarioTheatreId = 'kz' | 'ua-border';

export const SCENARIO_THEATRES: Readonly<Record<ScenarioTheatreId, ScenarioTheatre>> = {
  kz: {
    id: 'kz',
    name: 'Kazakhstan',
    centre: { lat: 48.0196, lon: 66.9237 },
    zoom: 4,
    bounds: { south: 40.5, west: 46.4, north: 55.5, east: 87.4 },
  },
  'ua-border': {
    id: 'ua-border',
    name: 'Russia–Ukraine border',
    centre: { lat: 50.5, lon: 36.5 },
    zoom: 5,
    // Framed on the border itself: Geneva, where the talks were held, lies outside on purpose,
    // since widening the view to include it would shrink the build-up to a few pixels.
    bounds: { south: 44.0, west: 29.0, north: 53.5, east: 42.0 },
  },
};
