// Fetches the spec that scheduleChart() built in Node and renders it with vega-embed.
// Any bundler can also run scheduleChart() itself in the page: the spec builders are pure.
const status = document.body.dataset;
try {
  const response = await fetch('./schedule.vl.json');
  const spec = await response.json();
  await globalThis.vegaEmbed('#chart', spec, { actions: false, tooltip: true, renderer: 'svg' });
  status.rendered = 'true';
} catch (err) {
  status.rendered = 'error';
  status.error = String(err);
}
