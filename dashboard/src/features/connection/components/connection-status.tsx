import { useNow } from '../../../hooks/use-clock';
import { useConnectionStatus } from '../hooks/use-connection-status';
import { STATE_LABEL, statusDetail } from '../utils/lag';

/** The live connection at a glance: its state, the lag, and when it will retry. */
export function ConnectionStatus() {
  const status = useConnectionStatus();
  const now = useNow();
  const detail = statusDetail(status, now);
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
