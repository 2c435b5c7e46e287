import type { Backend, TheatreList } from '../../../lib/backend';

/** GET /api/theatres. */
export const getTheatres = (backend: Backend, signal?: AbortSignal): Promise<TheatreList> => backend.theatres(signal);
