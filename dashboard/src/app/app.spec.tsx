import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeServices } from '../testing/fake-services';
import { ids } from '../testing/scenario';
import { App } from './app';

// The coarse atlas is enough here, and parses in a fraction of the time of the app's own.
jest.mock('../features/map/api/world-geometry', () => {
  const { feature } = jest.requireActual<typeof import('topojson-client')>('topojson-client');
  const topology = jest.requireActual<import('topojson-specification').Topology>('world-atlas/countries-110m.json');
  const countries = topology.objects['countries'];
  return { loadCountries: async () => (countries ? feature(topology, countries) : { type: 'FeatureCollection', features: [] }) };
});

jest.setTimeout(30_000);
// The theatre page is loaded lazily and draws charts: give it time on a busy machine.
configure({ asyncUtilTimeout: 8000 });

const now = Date.parse('2026-05-01T12:00:00Z');

const setup = (hash: string) => {
  window.history.replaceState(null, '', `/${hash}`);
  const services = fakeServices(now);
  const view = render(<App services={services} />);
  return { services, ...view };
};

describe('App', () => {
  let dispose: (() => void) | undefined;
  afterEach(() => {
    dispose?.();
    dispose = undefined;
  });

  it('shows every theatre on the overview with its headline figures, live', async () => {
    const { services } = setup('#/');
    dispose = services.dispose;
    const kz = await screen.findByRole('link', { name: /^KZ: escalation/ });
    expect(await within(kz).findByText('24–111 (best 49)')).toBeTruthy();
    expect(within(kz).getByText(/restored/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /^UA-BORDER: escalation/ })).toBeTruthy();
    expect(await within(kz).findByText(/world clock, 10 Jan 2022 16:30 UTC/)).toBeTruthy();
    expect(await screen.findByRole('status', { name: /Live connection Live/ })).toBeTruthy();
    expect(screen.queryByTestId('time-banner')).toBeNull();
  });

  it('opens a theatre, and an event from its feed with its sources and ratings', async () => {
    const { services, container } = setup('#/theatre/kz');
    dispose = services.dispose;
    expect(await screen.findByText('Killed', { selector: '.kpi .label' }, { timeout: 5000 })).toBeTruthy();
    const feed = await screen.findByRole('list', { name: 'Events' });
    const entry = await within(feed).findByText(/353 police and security personnel injured/);
    fireEvent.click(entry);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Almaty city authorities')).toBeTruthy();
    expect(within(dialog).getByText(/usually reliable, possibly true/)).toBeTruthy();
    expect(window.location.hash).toContain(`event=${ids.almatyCityCasualties}`);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.querySelector('.app')?.getAttribute('data-time')).toBe('live');
  });

  it('marks the page unmistakably when it shows the past, and asks the query API for that moment', async () => {
    const { services, container } = setup('#/theatre/kz?asOf=2022-01-06T10%3A00%3A00.000Z&basis=occurred');
    dispose = services.dispose;
    const banner = await screen.findByTestId('time-banner');
    expect(banner.textContent).toMatch(/06 Jan 2022 10:00 UTC/);
    expect(container.querySelector('.app')?.getAttribute('data-time')).toBe('past');
    await waitFor(() => expect(services.requests).toContain('/api/theatres/kz/state?asOf=2022-01-06T10%3A00%3A00.000Z&basis=occurred'));
    expect(await screen.findByText('12', { selector: '.kpi .value' })).toBeTruthy();
  });
});
