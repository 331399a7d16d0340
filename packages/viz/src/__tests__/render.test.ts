import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VizError, compileSpec, lossChart, lrFinderChart, measureText, saveChart, scheduleChart, toHtml, toPng, toSvg, vendorScriptPaths } from '../index';
import type { TopLevelSpec } from '../index';
import { finderResult, oneCycle, recorder } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'onecycle-viz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('compileSpec', () => {
  it('collects vega-lite warnings instead of printing them', async () => {
    const spec: TopLevelSpec = { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative', scale: { type: 'log', zero: true } } } };
    const { warnings } = await compileSpec(spec);
    expect(warnings).toEqual(['x-scale\'s "zero" is dropped as it does not work with log scale.']);
  });
});

describe('toSvg', () => {
  it('renders a schedule chart with both axis titles, the legend and the DejaVu font', async () => {
    const svg = await toSvg(scheduleChart(oneCycle(200)));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>learning rate</text>');
    expect(svg).toContain('>momentum</text>');
    expect(svg).toContain('>iterations</text>');
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(svg).toMatch(/width="\d+" height="\d+"/);
  });

  it('renders a finder chart on a log axis', async () => {
    const svg = await toSvg(lrFinderChart(finderResult()));
    expect(svg).toContain('>learning rate (log scale)</text>');
    expect(svg).toContain('>valley 2.6e-3</text>');
  });
});

describe('toPng', () => {
  it('gives PNG bytes at the requested scale', async () => {
    const spec = scheduleChart(oneCycle(100), { width: 300, height: 150 });
    const svg = await toSvg(spec);
    const [, w = '0', h = '0'] = /width="(\d+)" height="(\d+)"/.exec(svg) ?? [];
    const one = await toPng(spec, { scale: 1 });
    const two = await toPng(spec);
    expect([...one.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(one)).toEqual({ width: Number(w), height: Number(h) });
    expect(pngSize(two)).toEqual({ width: 2 * Number(w), height: 2 * Number(h) });
    await expect(toPng(spec, { scale: 0 })).rejects.toThrowError(new VizError('opts.scale must be a number in (0, 10], got 0: it multiplies the chart\'s pixel size'));
  });
});

describe('toHtml', () => {
  it('writes one offline page with vega, vega-lite and vega-embed inlined and tooltips on', async () => {
    const html = await toHtml([{ title: 'LR <schedule>', spec: scheduleChart(oneCycle(50)) }, { spec: lossChart(recorder) }], { title: 'Run' });
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fastly)/);
    for (const path of vendorScriptPaths()) {
      expect(html).toContain(readFileSync(path, 'utf8').slice(0, 200));
    }
    expect(html).toContain('<h2>LR &lt;schedule&gt;</h2>');
    expect(html).toContain('<div id="chart-1" class="chart"></div>');
    expect(html).toContain('tooltip: true');
    expect(html.match(/<\/script>/g)).toHaveLength(4);
  });
});

describe('saveChart', () => {
  it('writes each format by extension, atomically (no temp file left)', async () => {
    const spec = scheduleChart(oneCycle(60));
    for (const name of ['a.svg', 'a.png', 'a.html', 'a.vl.json']) await saveChart(spec, join(dir, name));
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'a.png', 'a.svg', 'a.vl.json']);
    expect(JSON.parse(readFileSync(join(dir, 'a.vl.json'), 'utf8'))).toEqual(spec);
    expect(readFileSync(join(dir, 'a.svg'), 'utf8')).toContain('>momentum</text>');
    expect([...readFileSync(join(dir, 'a.png')).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(readFileSync(join(dir, 'a.html'), 'utf8')).toContain('vegaEmbed(');
  });

  it('rejects an unknown extension or a missing folder with a VizError naming the path', async () => {
    const spec = scheduleChart(oneCycle(10));
    const bad = join(dir, 'chart.jpg');
    await expect(saveChart(spec, bad)).rejects.toThrowError(new VizError(`saveChart cannot write ${bad}: the extension must be one of .vl.json, .html, .svg, .png`));
    const missing = join(dir, 'nope', 'chart.svg');
    await expect(saveChart(spec, missing)).rejects.toThrowError(new VizError(`saveChart cannot write ${missing}: the folder ${join(dir, 'nope')} does not exist (create it first)`));
  });
});

describe('measureText', () => {
  it('uses DejaVu Sans advance widths, wider in bold', () => {
    expect(measureText({ fontSize: 10 }, 'M')).toBeCloseTo(8.63, 6);
    expect(measureText({ fontSize: 10, text: 'MM', fontWeight: 'bold' })).toBeCloseTo(19.9, 6);
    expect(measureText({}, ' ')).toBeCloseTo(0.318 * 11, 6);
  });
});
