import type { EventType } from '@watchfloor/events';

const n = (v: number): string => String(+v.toFixed(2));

/** A closed polygon through `points` (offsets from the marker's centre), in relative commands. */
const polygon = (points: ReadonlyArray<readonly [number, number]>): string => {
  const [first, ...rest] = points;
  if (first === undefined) return '';
  let path = `m${n(first[0])},${n(first[1])}`;
  let [x, y] = first;
  for (const [px, py] of rest) {
    path += `l${n(px - x)},${n(py - y)}`;
    [x, y] = [px, py];
  }
  return `${path}z`;
};

/** The shape around its centre, in relative commands only, so that one leading moveto places it. */
const shape = (type: EventType, r: number): string => {
  switch (type) {
    case 'protest.escalated':
      return `m${n(-r)},0a${n(r)},${n(r)} 0 1,0 ${n(2 * r)},0a${n(r)},${n(r)} 0 1,0 ${n(-2 * r)},0`;
    case 'troops.deployed':
      return polygon([[0, -r * 1.15], [r * 1.1, r * 0.8], [-r * 1.1, r * 0.8]]);
    case 'casualties.reported':
      return polygon([[-r * 0.9, -r * 0.9], [r * 0.9, -r * 0.9], [r * 0.9, r * 0.9], [-r * 0.9, r * 0.9]]);
    case 'diplomacy.meeting':
      return polygon([[0, -r * 1.2], [r * 1.2, 0], [0, r * 1.2], [-r * 1.2, 0]]);
    case 'diplomacy.statement':
      return polygon(Array.from({ length: 6 }, (_, i) => [Math.cos((Math.PI / 3) * i) * r, Math.sin((Math.PI / 3) * i) * r] as const));
    case 'situation.assessed':
      return polygon([
        [0, -r * 1.2],
        [r * 0.35, -r * 0.35],
        [r * 1.2, 0],
        [r * 0.35, r * 0.35],
        [0, r * 1.2],
        [-r * 0.35, r * 0.35],
        [-r * 1.2, 0],
        [-r * 0.35, -r * 0.35],
      ]);
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
};

/**
 * A distinct shape per event type, so the map reads without colour; centred on (`x`, `y`). The
 * map draws its markers in place rather than moved by a transform: every transformed SVG element
 * is a paint chunk of its own, and every repaint of the page sorts all of them into layers again.
 */
export const markerPath = (type: EventType, r: number, x = 0, y = 0): string => `M${n(x)},${n(y)}${shape(type, r)}`;
