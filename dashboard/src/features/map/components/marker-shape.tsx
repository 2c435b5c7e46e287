import type { EventType } from '@watchfloor/events';

/** A distinct shape per event type, so the map reads without colour. */
export const markerPath = (type: EventType, r: number): string => {
  switch (type) {
    case 'protest.escalated':
      return `M${-r},0a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    case 'troops.deployed':
      return `M0,${-r * 1.15}L${r * 1.1},${r * 0.8}L${-r * 1.1},${r * 0.8}Z`;
    case 'casualties.reported':
      return `M${-r * 0.9},${-r * 0.9}H${r * 0.9}V${r * 0.9}H${-r * 0.9}Z`;
    case 'diplomacy.meeting':
      return `M0,${-r * 1.2}L${r * 1.2},0L0,${r * 1.2}L${-r * 1.2},0Z`;
    case 'diplomacy.statement': {
      const points = Array.from({ length: 6 }, (_, i) => {
        const a = (Math.PI / 3) * i;
        return `${(Math.cos(a) * r).toFixed(2)},${(Math.sin(a) * r).toFixed(2)}`;
      });
      return `M${points.join('L')}Z`;
    }
    case 'situation.assessed':
      return `M0,${-r * 1.2}L${r * 0.35},${-r * 0.35}L${r * 1.2},0L${r * 0.35},${r * 0.35}L0,${r * 1.2}L${-r * 0.35},${r * 0.35}L${-r * 1.2},0L${-r * 0.35},${-r * 0.35}Z`;
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
};
