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

/**
 * The words beside the state: the lag while live, otherwise when the next attempt is and why it
 * is needed. Offline is the browser's word for no network; after the first failed attempt with a
 * network, it is the server that does not answer.
 */
export const statusDetail = (status: ConnectionStatus, now: number): string => {
  if (status.state === 'live') return lagOf(status, now).text;
  if (status.nextRetryAt === undefined) return '';
  const cause = status.state === 'offline' ? 'no network · ' : status.attempt > 1 ? 'server not answering · ' : '';
  return `${cause}retry in ${formatDuration(Math.max(0, status.nextRetryAt - now))}${status.attempt > 1 ? ` (attempt ${status.attempt})` : ''}`;
};
