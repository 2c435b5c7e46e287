/**
 * V8 flags the projection's process runs with, wherever it is started (`npm start`, the benches,
 * the kill-and-recover test): `node --max-semi-space-size=64 -r @swc-node/register services/projection/src/main.ts`.
 * Here, not in services/projection, so that the launcher and the benches (which may not import a
 * service) start it the same way.
 *
 * `--max-semi-space-size=64`: a 64 MB young generation instead of V8's default (16 MB semi-spaces
 * at most). Folding the log allocates a decoded event, its delta and its timeline entry per
 * message; with the default, many of them are still alive at the next scavenge and get copied, or
 * promoted and left to the full collections. Measured on a 300,000-event rebuild, alternating
 * runs on the development VM: 26.2–27.8k → 29.4–33.4k events/s (fold only), RSS +50–100 MiB;
 * 128 MB was no faster than 64.
 */
export const PROJECTION_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
