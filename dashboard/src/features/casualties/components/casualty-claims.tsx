import type { TheatreStateView } from '@watchfloor/crisis-state';
import { memo } from 'react';
import { formatRange, formatRating, humanise } from '../../../lib/format';
import { formatInstant } from '../../../lib/time';

/** Who claimed what, per group: every source's figures side by side, never one chosen silently. */
export const CasualtyClaims = memo(function CasualtyClaims({ casualties, onOpen }: { readonly casualties: TheatreStateView['casualties']; readonly onOpen: (eventId: string) => void }) {
  if (casualties.groups.length === 0) return <p className="empty">No casualty claims.</p>;
  return (
    <table className="data">
      <caption className="visually-hidden">Casualty claims by group and source</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col">Rating</th>
          <th scope="col">Killed</th>
          <th scope="col">Injured</th>
          <th scope="col">Detained</th>
          <th scope="col">Last report</th>
        </tr>
      </thead>
      {casualties.groups.map((group) => (
        <tbody key={group.group}>
          <tr>
            <th colSpan={6} scope="rowgroup" style={{ color: 'var(--text)', paddingTop: 8 }}>
              {humanise(group.group)} <span className="muted num">· across sources: killed {formatRange(group.killed)}, injured {formatRange(group.injured)}</span>
            </th>
          </tr>
          {group.claims.map((claim) => {
            const latest = claim.reports[claim.reports.length - 1];
            return (
              <tr key={claim.source}>
                <td>
                  {claim.source}
                  {claim.wording && <div className="muted">“{claim.wording}”</div>}
                </td>
                <td>
                  <span className="tag tag-rating" title={formatRating(claim.reliability, claim.credibility)}>
                    {claim.reliability}
                    {claim.credibility}
                  </span>
                </td>
                <td className="num">{formatRange(claim.killed)}</td>
                <td className="num">{formatRange(claim.injured)}</td>
                <td className="num">{formatRange(claim.detained)}</td>
                <td>
                  {latest ? (
                    <button type="button" className="link-button" onClick={() => onOpen(latest.eventId)}>
                      {formatInstant(Date.parse(latest.occurredAt))}
                    </button>
                  ) : (
                    '—'
                  )}
                  {claim.reports.length > 1 && <span className="muted"> ({claim.reports.length} reports)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
});
