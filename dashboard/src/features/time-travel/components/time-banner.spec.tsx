import { fireEvent, render, screen } from '@testing-library/react';
import { LIVE } from '../../../lib/time';
import { TimeBanner } from './time-banner';
import { TimeControls } from './time-controls';

const at = Date.parse('2022-01-07T12:00:00Z');

describe('TimeBanner', () => {
  it('is not there while live', () => {
    render(<TimeBanner time={LIVE} onLive={() => undefined} />);
    expect(screen.queryByTestId('time-banner')).toBeNull();
  });

  it('says the page is not live, as of when, and on which clock', () => {
    render(<TimeBanner time={{ live: false, at, basis: 'recorded' }} onLive={() => undefined} />);
    const banner = screen.getByRole('status');
    expect(banner.textContent).toMatch(/Not live — viewing the past/);
    expect(banner.textContent).toMatch(/07 Jan 2022 12:00 UTC/);
    expect(banner.textContent).toMatch(/what Watchfloor knew at that moment/);
  });

  it('names the other clock for what had happened', () => {
    render(<TimeBanner time={{ live: false, at, basis: 'occurred' }} onLive={() => undefined} />);
    expect(screen.getByRole('status').textContent).toMatch(/what had happened by then/);
  });

  it('leads back to live', () => {
    const onLive = jest.fn();
    render(<TimeBanner time={{ live: false, at, basis: 'occurred' }} onLive={onLive} />);
    fireEvent.click(screen.getByRole('button', { name: /back to live/i }));
    expect(onLive).toHaveBeenCalled();
  });
});

describe('TimeControls', () => {
  const spans = { occurred: { from: Date.parse('2022-01-03T00:00:00Z'), to: Date.parse('2022-01-10T00:00:00Z') } };
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('leaves live mode at the end of the clock’s span when a clock is chosen', () => {
    const onChange = jest.fn();
    render(<TimeControls time={LIVE} spans={spans} now={now} onChange={onChange} />);
    expect(screen.getByRole('button', { name: /live/i }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'What had happened' }));
    expect(onChange).toHaveBeenCalledWith({ live: false, basis: 'occurred', at: spans.occurred.to });
  });

  it('moves through the span with the slider', () => {
    const onChange = jest.fn();
    render(<TimeControls time={{ live: false, at: spans.occurred.to, basis: 'occurred' }} spans={spans} now={now} onChange={onChange} />);
    fireEvent.change(screen.getByRole('slider'), { target: { value: '0' } });
    expect(onChange).toHaveBeenCalledWith({ live: false, basis: 'occurred', at: spans.occurred.from }, { replace: true });
  });

  it('takes a whole moment typed in the date field, and keeps what is typed while the live clock moves on', () => {
    const onChange = jest.fn();
    const spansNow = (to: number) => ({ occurred: { from: spans.occurred.from, to } });
    const { rerender } = render(<TimeControls time={LIVE} spans={spans} now={now} onChange={onChange} />);
    const field = screen.getByLabelText('Exact moment (UTC)') as HTMLInputElement;
    expect(field.value).toBe('2022-01-10 00:00');
    fireEvent.focus(field);
    // the live end moves while the field has the focus: what the analyst is about to replace stays put
    rerender(<TimeControls time={LIVE} spans={spansNow(Date.parse('2022-01-10T12:00:00Z'))} now={now} onChange={onChange} />);
    expect(field.value).toBe('2022-01-10 00:00');
    fireEvent.change(field, { target: { value: '2022-01-04 0' } });
    expect(onChange).not.toHaveBeenCalled();
    // a new event moves the live end of the range while the analyst is typing
    rerender(<TimeControls time={LIVE} spans={spansNow(Date.parse('2022-01-11T00:00:00Z'))} now={now} onChange={onChange} />);
    expect(field.value).toBe('2022-01-04 0');
    fireEvent.change(field, { target: { value: '2022-01-04T00:00' } });
    expect(onChange).toHaveBeenCalledWith({ live: false, basis: 'occurred', at: Date.parse('2022-01-04T00:00:00Z') });
    fireEvent.blur(field);
    expect(field.value).toBe('2022-01-11 00:00');
  });
});
