import { useNow } from '../../../hooks/use-clock';
import { formatDuration } from '../../../lib/time';
import { useConnectionStatus } from '../hooks/use-connection-status';
import { lagOf, STATE_LABEL } from '../utils/lag';

/** The live connection at a glance: its state, the lag, and when it will retry. */
export function ConnectionStatus() {
  const status = useConnectionStatus();
  const now = useNow();
  const lag = lagOf(status, now);
  const retryIn = status.nextRetryAt !== undefined && status.state !== 'live' ? Math.max(0, status.nextRetryAt - now) : undefined;
  const detail =
    status.state === 'live'
      ? lag.text
      : retryIn !== undefined
        ? `retry in ${formatDuration(retryIn)}${status.attempt > 1 ? ` (attempt ${status.attempt})` : ''}`
        : '';
  return (
    <div className="connection" data-state={status.state} title={status.lastError ? `Last problem: ${status.lastError}` : undefined}>
      <span className="dot" aria-hidden="true" />
      {/* Only the state is announced: the lag changes every second. */}
      <span className="state" role="status" aria-label={`Live connection ${STATE_LABEL[status.state]}`}>
        <span className="muted" style={{ fontWeight: 400 }}>
          Stream{' '}
        </span>
        {STATE_LABEL[status.state]}
      </span>
      {detail && <span className="muted num">{detail}</span>}
    </div>
  );
}
