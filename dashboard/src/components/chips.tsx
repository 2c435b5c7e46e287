import type { EscalationBand } from '@watchfloor/crisis-state';
import type { ProtestStage } from '@watchfloor/events';
import { BAND_COLOUR, STAGE_COLOUR } from '../config/palette';
import { humanise } from '../lib/format';

export function BandChip({ band }: { readonly band: EscalationBand }) {
  return (
    <span className="band-chip" style={{ background: BAND_COLOUR[band] }}>
      {band}
    </span>
  );
}

export function StageChip({ stage }: { readonly stage: ProtestStage }) {
  return (
    <span className="stage-chip" style={{ background: STAGE_COLOUR[stage] }}>
      {humanise(stage)}
    </span>
  );
}
