import type { ConnectionStatus } from '../../../lib/live/live-client';
import { formatDuration } from '../../../lib/time';

/**
 * How far behind the world the screen is. With deltas flowing: now − recordedAt of the last
 * delta (how long ago Watchfloor accepted what is newest on screen). When the stream is quiet a
 * large figure there would only mean nothing happened, so it is the heartbeat's age instead:
 * how long since the server last said it is alive.
 */
export interface Lag {
  readonly ms: number;
  readonly basis: 'delta' | 'heartbeat' | 'none';
  readonly text: string;
}

/** A delta older than this says nothing about lag: the stream is simply quiet. */
export const QUIET_AFTER_MS = 20_000;

export const lagOf = (status: ConnectionStatus, now: number): Lag => {
  const deltaFresh = status.lastDeltaAt !== undefined && now - status.lastDeltaAt <= QUIET_AFTER_MS;
  if (deltaFresh && status.lastDeltaRecordedAt !== undefined) {
    const ms = Math.max(0, now - status.lastDeltaRecordedAt);
    return { ms, basis: 'delta', text: `lag ${formatDuration(ms)}` };
  }
  const heard = status.lastHeartbeatAt ?? status.lastMessageAt;
  if (heard !== undefined) {
    const ms = Math.max(0, now - heard);
    return { ms, basis: 'heartbeat', text: `heard ${formatDuration(ms)} ago` };
  }
  return { ms: 0, basis: 'none', text: '' };
};

export const STATE_LABEL: Readonly<Record<ConnectionStatus['state'], string>> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
};
