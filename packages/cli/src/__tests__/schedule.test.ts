import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../index';
import { memoryIO, tempDir } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const CLR_BETA = ['--kind', 'fastaiClrBeta', '--lr', '0.8', '--steps-per-cycle', '9310', '--div', '10', '--pct', '13.68', '--max-mom', '0.95', '--min-mom', '0.85'];

async function schedule(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const io = memoryIO(dir);
  const status = await runCli(['schedule', ...args], io);
  return { status, out: io.out(), err: io.err() };
}

describe('onecycle schedule', () => {
  it("draws the request's use_clr_beta example to SVG and prints a one-line summary", async () => {
    const r = await schedule([...CLR_BETA, '-o', 'schedule.svg']);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
    expect(r.out).toBe('fastaiClrBeta: 9310 steps (one cycle; --steps N for more), peak lr 0.8, mom 0.85..0.95 -> schedule.svg\n');
    expect(readFileSync(path.join(dir, 'schedule.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('writes PNG, HTML (stacked) and Vega-Lite JSON by extension', async () => {
    const base = ['--kind', 'oneCycle', '--lr-max', '0.1', '--total-steps', '200'];
    expect((await schedule([...base, '-o', 'a.png'])).status).toBe(0);
    expect(Array.from(readFileSync(path.join(dir, 'a.png')).subarray(0, 4))).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect((await schedule([...base, '--layout', 'stacked', '--title', 'one cycle', '--out', 'a.html'])).status).toBe(0);
    expect(readFileSync(path.join(dir, 'a.html'), 'utf8')).toMatch(/<html/i);
    const r = await schedule([...base, '--moms', '0.9,0.8,0.9', '--steps', '100', '--out=a.vl.json']);
    expect(r.out).toMatch(/^oneCycle: 100 steps, peak lr 0\.\d+, mom 0\.8\d*\.\.0\.9\d* -> a\.vl\.json\n$/);
    const vl: unknown = JSON.parse(readFileSync(path.join(dir, 'a.vl.json'), 'utf8'));
    expect(vl).toMatchObject({ $schema: expect.stringContaining('vega-lite') });
  });

  it('reads a JSON spec file, including kinds that only a file can give', async () => {
    writeFileSync(path.join(dir, 'one.json'), JSON.stringify({ kind: 'oneCycle', lrMax: 0.01, totalSteps: 100 }));
    const one = await schedule(['--spec', 'one.json', '-o', 'one.svg']);
    expect(one.out).toBe('oneCycle: 100 steps, peak lr 0.01, mom 0.85..0.95 -> one.svg\n');
    const phases = {
      kind: 'phases', totalSteps: 40,
      phases: [{ pct: 0.5, lr: { start: 0.01, end: 0.1, anneal: 'lin' } }, { pct: 0.5, lr: { start: 0.1, end: 0.001, anneal: 'cos' } }],
    };
    writeFileSync(path.join(dir, 'phases.json'), JSON.stringify(phases));
    const r = await schedule(['--spec', 'phases.json', '-o', 'phases.svg']);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^phases: 40 steps, peak lr 0\.1\d*, no momentum -> phases\.svg\n$/);
  });

  it('maps every kind-specific flag to its spec field (torchCyclic, booleans, enums, lists)', async () => {
    const cyclic = await schedule(['--kind', 'torchCyclic', '--base-lr', '0.001', '--max-lr', '0.006', '--step-size-up', '10', '--mode', 'triangular2', '--cycle-momentum', 'true', '-o', 'c.svg']);
    expect(cyclic.out).toBe('torchCyclic: 20 steps (one cycle; --steps N for more), peak lr 0.006, mom 0.8..0.9 -> c.svg\n');
    const multi = await schedule(['--kind', 'multiStep', '--lr', '0.1', '--milestones', '10,20', '--steps', '30', '-o', 'm.svg']);
    expect(multi.out).toBe('multiStep: 30 steps, peak lr 0.1, no momentum -> m.svg\n');
    const sgdr = await schedule(['--kind', 'fastaiSgdr', '--lr', '0.1', '--steps-per-cycle', '40', '--warmup', 'false', '--steps', '120', '-o', 's.svg']);
    expect(sgdr.status).toBe(0);
  });

  it('draws PyTorch\'s decays over a natural length without --steps', async () => {
    const cos = await schedule(['--kind', 'torchCosineAnnealing', '--lr', '0.1', '--t-max', '100', '--eta-min', '0.001', '-o', 'c.svg']);
    expect(cos.out).toBe('torchCosineAnnealing: 101 steps (to tMax; --steps N for more), peak lr 0.1, no momentum -> c.svg\n');
    const step = await schedule(['--kind', 'torchStep', '--lr', '0.1', '--step-size', '30', '--mom', '0.9', '-o', 's.svg']);
    expect(step.out).toBe('torchStep: 120 steps (4 x stepSize; --steps N for more), peak lr 0.1, mom 0.9 -> s.svg\n');
    const warm = await schedule(['--kind', 'torchLinear', '--lr', '0.1', '--start-factor', '0.1', '--total-iters', '20', '-o', 'l.svg']);
    expect(warm.out).toBe('torchLinear: 40 steps (2 x totalIters; --steps N for more), peak lr 0.1, no momentum -> l.svg\n');
    const poly = await schedule(['--kind', 'torchPolynomial', '--lr', '0.1', '--power', '-1', '-o', 'p.svg']);
    expect(poly.status).toBe(2);
    expect(poly.err).toMatch(/power must be > 0, got -1/);
  });
});

describe('onecycle schedule: bad usage exits 2, says what was wrong, shows the usage line and writes nothing', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['unknown kind', ['--kind', 'superCycle', '-o', 'x.svg'], /unknown kind 'superCycle' \(kinds: constant, fastaiClrBeta/],
    ['kind that needs a file', ['--kind', 'phases', '-o', 'x.svg'], /kind 'phases' nests other schedules.*--spec/],
    ['missing required flag', ['--kind', 'fastaiClrBeta', '--steps-per-cycle', '100', '-o', 'x.svg'], /missing --lr \(required by kind fastaiClrBeta\)/],
    ['non-numeric flag', ['--kind', 'fastaiClrBeta', '--lr', 'fast', '--steps-per-cycle', '100', '-o', 'x.svg'], /--lr must be a number, got 'fast'/],
    ['flag without its value', ['--kind', 'constant', '-o', 'x.svg', '--steps', '10', '--lr'], /--lr needs a value/],
    ['flag followed by another flag', ['--kind', 'constant', '--lr', '--steps', '10', '-o', 'x.svg'], /--lr needs a value/],
    ['flag of another kind', [...CLR_BETA, '--cut-div', '8', '-o', 'x.svg'], /unknown option --cut-div for kind fastaiClrBeta/],
    ['kind flag without --kind', ['--lr', '0.1', '-o', 'x.svg'], /unknown option --lr/],
    ['bad enum', ['--kind', 'torchCyclic', '--base-lr', '0.1', '--max-lr', '1', '--mode', 'sawtooth', '-o', 'x.svg'], /--mode must be one of triangular, triangular2, expRange, got 'sawtooth'/],
    ['bad boolean', ['--kind', 'fastaiSgdr', '--lr', '0.1', '--steps-per-cycle', '9', '--warmup', 'yes', '-o', 'x.svg'], /--warmup must be true or false, got 'yes'/],
    ['value core-schedules rejects', [...CLR_BETA.slice(0, 8), '--pct', '120', '-o', 'x.svg'], /kind fastaiClrBeta: .*pct.*120/],
    ['missing spec file', ['--spec', 'nope.json', '-o', 'x.svg'], /cannot read spec file nope\.json \(ENOENT\)/],
    ['neither --spec nor --kind', ['-o', 'x.svg'], /give --spec <file\.json> or --kind <kind>/],
    ['missing output', [...CLR_BETA], /missing -o\/--out/],
    ['output in a missing folder', [...CLR_BETA, '-o', 'no/such/dir/x.png'], /output folder no\/such\/dir does not exist/],
    ['unknown output extension', [...CLR_BETA, '-o', 'x.jpg'], /output x\.jpg has an unknown extension: use one of \.vl\.json/],
    ['open-ended kind without --steps', ['--kind', 'exponential', '--lr', '0.1', '--gamma', '0.99', '-o', 'x.svg'], /kind exponential has no end: give --steps N/],
    ['--steps past the end', ['--kind', 'oneCycle', '--lr-max', '0.1', '--total-steps', '100', '--steps', '101', '-o', 'x.svg'], /--steps 101 is past the end of this oneCycle schedule, which has 100 steps/],
    ['non-integer --steps', [...CLR_BETA, '--steps', '1.5', '-o', 'x.svg'], /--steps must be a positive whole number, got '1\.5'/],
    ['bad layout', [...CLR_BETA, '--layout', 'diagonal', '-o', 'x.svg'], /--layout must be layered or stacked, got 'diagonal'/],
    ['stray argument', [...CLR_BETA, 'extra', '-o', 'x.svg'], /unexpected argument 'extra'/],
    ['flag given twice', [...CLR_BETA, '--lr', '0.1', '-o', 'x.svg'], /--lr is given twice/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await schedule(args);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/^onecycle schedule: .*\nusage: onecycle schedule \(--spec/);
    expect(r.out).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a spec file that is not JSON, or has a field of the wrong type (naming the field)', async () => {
    mkdirSync(path.join(dir, 'specs'));
    writeFileSync(path.join(dir, 'specs/bad.json'), '{ kind: oneCycle');
    const notJson = await schedule(['--spec', 'specs/bad.json', '-o', 'x.svg']);
    expect(notJson.status).toBe(2);
    expect(notJson.err).toMatch(/spec file specs\/bad\.json is not valid JSON/);
    writeFileSync(path.join(dir, 'specs/typed.json'), JSON.stringify({ kind: 'oneCycle', lrMax: '0.1', totalSteps: 10 }));
    const typed = await schedule(['--spec', 'specs/typed.json', '-o', 'x.svg']);
    expect(typed.status).toBe(2);
    expect(typed.err).toMatch(/spec file specs\/typed\.json: .*lrMax/);
    expect(readdirSync(dir)).toEqual(['specs']);
    expect(existsSync(path.join(dir, 'x.svg'))).toBe(false);
  });
});
