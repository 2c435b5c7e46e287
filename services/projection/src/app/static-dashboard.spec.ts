import { isDashboardRoute } from './static-dashboard';

describe('dashboard routes', () => {
  it.each([
    ['/', true],
    ['/theatres/kz', true],
    ['/replay?from=2022', true],
    ['/api/theatres', false],
    ['/api', false],
    ['/live', false],
    ['/metrics', false],
    ['/asyncapi.json', false],
    ['/assets/missing.js', false],
  ])('%s is the app: %p', (url, expected) => {
    expect(isDashboardRoute('GET', url)).toBe(expected);
  });

  it('only answers reads', () => {
    expect(isDashboardRoute('POST', '/theatres')).toBe(false);
  });
});
