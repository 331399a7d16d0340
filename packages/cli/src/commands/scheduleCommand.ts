import { ScheduleError, createSchedule } from '@onecycle/core-schedules';
import type { ScheduleSpec, StepSchedule } from '@onecycle/core-schedules';
import { CHART_EXTENSIONS, saveChart, scheduleChart } from '@onecycle/viz';
import { parseArgs } from 'node:util';
import type { CliCommand, CommandContext } from '../cli/cliCommand';
import { checkOutputFile } from '../cli/checkOutputFile';
import { parseFlags, parsePositiveInt } from '../cli/parseFlags';
import type { FlagSpec } from '../cli/parseFlags';
import { UsageError } from '../errors';
import { KIND_FIELDS, SPEC_FILE_ONLY_KINDS, kebab } from './kindFields';
import { kindFlags, specFromFile, specFromFlags } from './specFromFlags';
import { fmt, summarizeSchedule } from './scheduleSummary';

const FLAGS: Record<string, FlagSpec> = {
  spec: { type: 'string' },
  kind: { type: 'string' },
  out: { type: 'string', short: 'o' },
  steps: { type: 'string' },
  layout: { type: 'string' },
  title: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  'max-points': { type: 'string' },
};

const USAGE = 'onecycle schedule (--spec <file.json> | --kind <kind> [--<param> <value>…]) -o <out.{svg,png,html,vl.json}> [--steps N] [--layout layered|stacked]';

function kindsHelp(): string {
  const lines = Object.entries(KIND_FIELDS).map(([kind, fields]) => {
    const flags = fields.map((f) => (f.required === true ? `--${kebab(f.field)}` : `[--${kebab(f.field)}]`));
    return `  ${kind.padEnd(24)} ${flags.join(' ')}`;
  });
  return [...lines, `  ${SPEC_FILE_ONLY_KINDS.join(', ')}: only with --spec (they nest other specs)`].join('\n');
}

const HELP = `Preview a learning-rate / momentum schedule as a chart, without training.

The schedule comes from a JSON spec file (any @onecycle/core-schedules kind, validated) or from
--kind and one flag per spec field (the camelCase field in kebab-case: stepsPerCycle ->
--steps-per-cycle). Open-ended cyclic kinds draw one cycle unless --steps says otherwise (the
PyTorch decays: to tMax, 4 x stepSize, 2 x totalIters); constant, multiStep and exponential need --steps.

Options:
  --spec <file.json>     the schedule spec as JSON
  --kind <kind>          build the spec from flags (see the kinds below)
  -o, --out <file>       output chart; the format follows the extension: ${CHART_EXTENSIONS.join(' ')}
  --steps <N>            steps to draw (default: totalSteps, or one cycle; at most totalSteps)
  --layout <layout>      layered (LR and momentum on one chart, own axes; default) or stacked
  --title <text>         chart title
  --width <px>, --height <px>, --max-points <N>   chart size and sampling

Kinds and their flags ([optional]; values are numbers unless noted: --warmup/--cycle-momentum/
--three-phase take true|false, --moms/--milestones take comma-separated numbers):
${kindsHelp()}

Example (fastai 0.7 use_clr_beta=(10, 13.68, 0.95, 0.85) over 95 epochs at lr 0.8):
  onecycle schedule --kind fastaiClrBeta --lr 0.8 --steps-per-cycle 9310 --div 10 --pct 13.68 \\
    --max-mom 0.95 --min-mom 0.85 -o schedule.png`;

interface ChartOptions { layout?: 'layered' | 'stacked'; steps?: number; title?: string; width?: number; height?: number; maxPoints?: number }

function chartOptions(values: ReadonlyMap<string, string | true>, steps: number): ChartOptions {
  const opts: ChartOptions = { steps };
  const layout = values.get('layout');
  if (layout !== undefined) {
    if (layout !== 'layered' && layout !== 'stacked') throw new UsageError(`--layout must be layered or stacked, got '${String(layout)}'`);
    opts.layout = layout;
  }
  const title = values.get('title');
  if (typeof title === 'string') opts.title = title;
  for (const [flag, key] of [['width', 'width'], ['height', 'height'], ['max-points', 'maxPoints']] as const) {
    const raw = values.get(flag);
    if (typeof raw === 'string') opts[key] = parsePositiveInt(flag, raw);
  }
  return opts;
}

/**
 * How much of an open-ended kind to draw by default, and what that is: one cycle of a cyclic
 * kind, one half-period of PyTorch's cosine annealing, a few steps past the end of a warm-up or
 * decay; undefined when the kind has no natural length.
 */
function naturalLength(spec: ScheduleSpec): { steps: number; what: string } | undefined {
  switch (spec.kind) {
    case 'fastaiClrBeta':
    case 'fastaiClr':
    case 'fastaiSgdr':
      return { steps: spec.stepsPerCycle, what: 'one cycle' };
    case 'torchCyclic': {
      const up = spec.stepSizeUp ?? 2000;
      return { steps: up + (spec.stepSizeDown ?? up), what: 'one cycle' };
    }
    case 'torchCosineWarmRestarts':
      return { steps: spec.t0, what: 'one cycle' };
    case 'torchCosineAnnealing':
      return { steps: spec.tMax + 1, what: 'to tMax' };
    case 'torchStep':
      return { steps: 4 * spec.stepSize, what: '4 x stepSize' };
    case 'torchLinear':
    case 'torchPolynomial':
      return { steps: 2 * (spec.totalIters ?? 5), what: '2 x totalIters' };
    default:
      return undefined;
  }
}

function stepsToDraw(schedule: StepSchedule, raw: string | true | undefined): { steps: number; note: string } {
  const kind = schedule.spec.kind;
  const asked = typeof raw === 'string' ? parsePositiveInt('steps', raw) : undefined;
  if (schedule.totalSteps === undefined) {
    if (asked !== undefined) return { steps: asked, note: '' };
    const natural = naturalLength(schedule.spec);
    if (natural === undefined) throw new UsageError(`kind ${kind} has no end: give --steps N to say how many steps to draw`);
    return { steps: natural.steps, note: ` (${natural.what}; --steps N for more)` };
  }
  if (asked !== undefined && asked > schedule.totalSteps) {
    throw new UsageError(`--steps ${asked} is past the end of this ${kind} schedule, which has ${schedule.totalSteps} steps`);
  }
  return { steps: asked ?? schedule.totalSteps, note: '' };
}

async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values: first } = parseArgs({ args, options: { kind: { type: 'string' } }, strict: false, allowPositionals: true });
  const kind = typeof first.kind === 'string' ? first.kind : undefined;
  const flags = kind === undefined ? FLAGS : { ...FLAGS, ...kindFlags(kind) };
  const values = parseFlags(args, flags, kind === undefined ? '(give --kind first to use schedule parameters, or use --spec)' : `for kind ${kind}`);
  const specPath = values.get('spec');
  if (typeof specPath === 'string' && kind !== undefined) throw new UsageError('give either --spec or --kind, not both');
  if (specPath === undefined && kind === undefined) throw new UsageError('give --spec <file.json> or --kind <kind>');
  const out = values.get('out');
  if (typeof out !== 'string') throw new UsageError('missing -o/--out <file> (the chart to write)');
  const outPath = ctx.resolvePath(out);
  checkOutputFile(outPath, out);

  const spec: ScheduleSpec = typeof specPath === 'string'
    ? await specFromFile(ctx.resolvePath(specPath), specPath)
    : specFromFlags(kind ?? '', values);
  let schedule: StepSchedule;
  try {
    schedule = createSchedule(spec);
  } catch (err) {
    if (err instanceof ScheduleError) throw new UsageError(`kind ${spec.kind}: ${err.message}`, { cause: err });
    throw err;
  }
  const { steps, note } = stepsToDraw(schedule, values.get('steps'));
  const chart = scheduleChart(schedule, chartOptions(values, steps));
  const summary = summarizeSchedule(schedule, steps);
  await saveChart(chart, outPath);
  const m = summary.mom;
  const mom = m === undefined ? 'no momentum' : m.min === m.max ? `mom ${fmt(m.min)}` : `mom ${fmt(m.min)}..${fmt(m.max)}`;
  const about = summary.approximate ? '~' : '';
  ctx.io.stdout.write(`${spec.kind}: ${steps} steps${note}, peak lr ${about}${fmt(summary.peakLr)}, ${mom} -> ${out}\n`);
  return 0;
}

/**
 * `onecycle schedule`: draws any schedule of `@onecycle/core-schedules` (from a JSON spec file or
 * from flags) to an SVG, PNG, HTML or Vega-Lite JSON file with `@onecycle/viz`, and prints a
 * one-line summary (kind, steps, peak LR, momentum range, output path).
 */
export const scheduleCommand: CliCommand = {
  name: 'schedule',
  summary: 'preview a schedule (LR and momentum) as a chart, from a JSON spec or flags',
  usage: USAGE,
  help: HELP,
  run,
};
