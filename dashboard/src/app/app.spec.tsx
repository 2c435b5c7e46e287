import { render, screen } from '@testing-library/react';
import { App } from './app';

describe('App', () => {
  it('names every event type of the contract', () => {
    render(<App />);
    expect(screen.getByRole('heading', { name: 'Watchfloor' })).toBeTruthy();
    expect(screen.getByText(/casualties\.reported/)).toBeTruthy();
  });
});
