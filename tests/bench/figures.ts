/** One line of the benchmark table. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The baseline this figure is compared to, measured in the same run. */
  readonly baseline?: { readonly name: string; readonly value: number };
  readonly goal?: string;
}

export const ratioOf = (figure: Figure): number | undefined =>
  figure.baseline ? figure.value / figure.baseline.value : undefined;

const format = (n: number): string =>
  Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-GB') : n.toLocaleString('en-GB', { maximumFractionDigits: 2 });

export const renderTable = (figures: readonly Figure[]): string => {
  const rows = figures.map((f) => {
    const ratio = ratioOf(f);
    return [f.name, `${format(f.value)} ${f.unit}`, f.baseline?.name ?? '', ratio === undefined ? '' : `${ratio.toFixed(2)}×`, f.goal ?? ''];
  });
  const header = ['figure', 'value', 'baseline', 'ratio', 'goal'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
};
