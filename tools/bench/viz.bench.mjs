// @onecycle/viz: time to render a 10,000-step 1cycle schedule chart (LR + momentum, subsampled
// to the default 2,000 points) to SVG and to PNG. Median of 5 runs after 1 warm-up.
import { scheduleChart, toPng, toSvg } from '@onecycle/viz';

const cos = (a, b, p) => a + ((b - a) * (1 - Math.cos(Math.PI * p))) / 2;
const T = 10_000;
const schedule = {
  spec: { kind: 'oneCycle' },
  totalSteps: T,
  at(s) {
    const pos = s / T;
    if (pos < 0.25) return { lr: cos(4e-5, 1e-3, pos / 0.25), mom: cos(0.95, 0.85, pos / 0.25) };
    const p = (pos - 0.25) / 0.75;
    return { lr: cos(1e-3, 1e-8, p), mom: cos(0.85, 0.95, p) };
  },
  boundaries: () => [2500],
};

async function median(fn, runs = 5) {
  await fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

export async function run() {
  const svgMs = await median(async () => toSvg(scheduleChart(schedule)));
  const pngMs = await median(async () => toPng(scheduleChart(schedule), { scale: 2 }));
  return [
    { name: 'viz: 10,000-step schedule chart to SVG (ms)', value: svgMs.toFixed(0), target: '< 1000' },
    { name: 'viz: 10,000-step schedule chart to PNG, 2x (ms)', value: pngMs.toFixed(0), target: '< 2000' },
  ];
}

if (process.argv[1] === import.meta.filename) console.table(await run());
