import { BandChip } from '../../../components/chips';
import { BAND_COLOUR } from '../../../config/palette';
import { formatRange, humanise } from '../../../lib/format';
import { formatInstant } from '../../../lib/time';
import type { CardModel } from '../utils/card-model';
import { SPARKLINE_DAYS } from '../utils/card-model';
import { Sparkline } from './sparkline';

const trendText = (trend: number): string => (trend > 0.05 ? `▲ ${trend}` : trend < -0.05 ? `▼ ${Math.abs(trend)}` : '▶ steady');

/** A theatre at a glance; the whole card is the link into it. */
export function TheatreCard({ model, href, shortcut }: { readonly model: CardModel; readonly href: string; readonly shortcut?: number | undefined }) {
  const summary = model.summary;
  const escalation = summary?.escalation;
  const label = escalation
    ? `${model.name}: escalation ${escalation.value}, ${escalation.band}. Open theatre${shortcut !== undefined ? ` (key ${shortcut})` : ''}.`
    : `${model.name}: no data yet. Open theatre.`;
  return (
    <a className="theatre-card" href={href} aria-label={label} style={{ ['--band' as string]: escalation ? BAND_COLOUR[escalation.band] : undefined }}>
      <h2>
        {model.name}
        <span className="code">{model.id}</span>
        {shortcut !== undefined && (
          <kbd style={{ float: 'right' }} aria-hidden="true">
            {shortcut}
          </kbd>
        )}
      </h2>
      <div className="card-top">
        <div>
          <div className="index-value num" style={{ color: escalation ? BAND_COLOUR[escalation.band] : undefined }}>
            {escalation ? escalation.value.toFixed(1) : '—'}
          </div>
          <div className="muted" style={{ fontSize: 12 }}>
            escalation index {escalation && <BandChip band={escalation.band} />}
          </div>
        </div>
        <div>
          <Sparkline points={model.sparkline} label={`Escalation index over the last ${SPARKLINE_DAYS} days`} />
          <div className="muted num" style={{ fontSize: 12 }}>
            {model.sparkline.length > 0 ? `${trendText(model.trend)} over ${SPARKLINE_DAYS} d` : model.origin === 'server' ? 'trend when live' : ''}
          </div>
        </div>
      </div>
      <dl className="card-facts">
        <div>
          <dt>Killed</dt>
          <dd>{formatRange(summary?.killed)}</dd>
        </div>
        <div>
          <dt>Injured</dt>
          <dd>{formatRange(summary?.injured)}</dd>
        </div>
        <div>
          <dt>Forces deployed</dt>
          <dd>{summary ? summary.forcesDeployed : '—'}</dd>
        </div>
        <div>
          <dt>Events</dt>
          <dd>
            {summary ? summary.eventCount : '—'}
            {summary?.lastOccurredAt && <span className="muted"> · last {formatInstant(Date.parse(summary.lastOccurredAt))}</span>}
          </dd>
        </div>
      </dl>
      <div className="card-assessment">
        {summary?.latestAssessment ? (
          <>
            <strong>{humanise(summary.latestAssessment.assessment)}</strong> — {summary.latestAssessment.assessor},{' '}
            {formatInstant(Date.parse(summary.latestAssessment.occurredAt))}
          </>
        ) : (
          'No assessment yet'
        )}
        {model.evaluation?.kind === 'historic' && <div style={{ color: 'var(--sky)' }}>Index at the world clock, {formatInstant(model.evaluation.at)}</div>}
      </div>
    </a>
  );
}
