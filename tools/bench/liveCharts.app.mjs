// The browser half of live.bench.mjs, bundled with esbuild and run in headless Chromium:
// globalThis.benchLive({ runs, batches }) times the bench loop without and with liveCharts.
/* global document */
import * as tf from '@tensorflow/tfjs';
import { CallbackBus, Recorder } from '@onecycle/callbacks';
import { liveCharts } from '@onecycle/viz';
import { mlpStepMs, timeHooks, timePairs } from './liveLoop.mjs';

globalThis.benchLive = async ({ runs, batches }) => {
  await tf.setBackend('cpu');
  const stepMs = await mlpStepMs(tf);
  const el = document.getElementById('charts');
  const plainBus = () => new CallbackBus([new Recorder()]);
  const liveBus = () => {
    el.replaceChildren();
    return new CallbackBus([new Recorder(), liveCharts(el)]);
  };
  const { overheadMs, plainMs } = await timePairs(plainBus, liveBus, { runs, batches, stepMs });
  el.replaceChildren();
  const hooksMs = await timeHooks(liveCharts(el), 10_000);
  return { stepMs, overheadMs, plainMs, hooksMs };
};
