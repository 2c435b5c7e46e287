import type { ReactNode } from 'react';
import { useElementWidth } from '../hooks/use-element-width';

/** Renders its child at the width the layout gives it: charts draw, and downsample, to that width. */
export function Measured({ children, fallback = 640 }: { readonly children: (width: number) => ReactNode; readonly fallback?: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(fallback);
  return (
    <div ref={ref} style={{ width: '100%', minWidth: 0 }}>
      {children(width)}
    </div>
  );
}
