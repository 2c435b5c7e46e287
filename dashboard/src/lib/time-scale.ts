import { DAY_MS, formatTick } from './time';

/** A linear time scale for hand-drawn SVG timelines: instants to x and readable ticks. */
export interface TimeScale {
  readonly from: number;
  readonly to: number;
  readonly width: number;
  x(t: number): number;
  ticks(): readonly { readonly t: number; readonly label: string }[];
}

const HOUR = 3600_000;
const STEPS = [HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS, 30 * DAY_MS, 91 * DAY_MS, 365 * DAY_MS];

/** A tick step giving about one tick per `pxPerTick` pixels, aligned to UTC hours or days. */
export const tickStep = (span: number, width: number, pxPerTick = 90): number => {
  const wanted = span / Math.max(1, width / pxPerTick);
  return STEPS.find((step) => step >= wanted) ?? STEPS[STEPS.length - 1] ?? DAY_MS;
};

export const tickTimes = (from: number, to: number, width: number, pxPerTick = 90): number[] => {
  if (to <= from) return [from];
  const step = tickStep(to - from, width, pxPerTick);
  const first = Math.ceil(from / step) * step;
  const out: number[] = [];
  for (let t = first; t <= to && out.length < 50; t += step) out.push(t);
  return out;
};

export const timeScale = (from: number, to: number, width: number): TimeScale => {
  const span = Math.max(1, to - from);
  return {
    from,
    to,
    width,
    x: (t) => ((t - from) / span) * width,
    ticks: () => {
      const step = tickStep(span, width);
      return tickTimes(from, to, width).map((t) => ({ t, label: formatTick(t, step) }));
    },
  };
};

const axisSettings = (from: number, to: number, width: number) => {
  const step = tickStep(to - from, width);
  return {
    dataKey: 't',
    type: 'number',
    scale: 'time',
    domain: [from, to],
    ticks: tickTimes(from, to, width),
    tickFormatter: (t: number) => formatTick(t, step),
    // Every tick given is drawn: they are about 90 px apart and never collide. With its default
    // ('preserveEnd') recharts measures each label in the DOM, a forced layout, on every redraw.
    interval: 0,
    stroke: '#5d6b7a',
  } as const;
};

/** The last few settings made, by window and width: a chart showing several measures asks for the same twice. */
const recentAxes = new Map<string, ReturnType<typeof axisSettings>>();
const RECENT_AXES = 8;

/**
 * The settings every recharts time chart gives its XAxis: rows keyed by `t` (ms), the chart's
 * window as the domain, ticks aligned to UTC hours or days about every 90 px. Spread onto <XAxis>.
 *
 * The same window and width give the very same object (its arrays and formatter included):
 * recharts compares an axis's props one by one, and a new array or function in them re-registers
 * the axis in the chart's store, which then recomputes every scale and point on the next frame.
 */
export const timeAxisProps = (window: { readonly from: number; readonly to: number }, width: number) => {
  const key = `${window.from}|${window.to}|${width}`;
  let settings = recentAxes.get(key);
  if (settings === undefined) {
    settings = axisSettings(window.from, window.to, width);
    if (recentAxes.size >= RECENT_AXES) recentAxes.delete(recentAxes.keys().next().value ?? key);
    recentAxes.set(key, settings);
  }
  return settings;
};
