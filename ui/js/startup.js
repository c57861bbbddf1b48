// The page's start-up steps, handed to the app with ui_ready (which prints them when
// NEEDLEWISE_TRACE_STARTUP is set): each is milliseconds since the epoch, by the page's
// clock, so the app can place them on its own time line.

const steps = [];
const at = (ms) => performance.timeOrigin + ms;

export function mark(step) {
  steps.push([step, at(performance.now())]);
}

export function marks() {
  const all = [['navigation start', at(0)]];
  const nav = performance.getEntriesByType?.('navigation')?.[0];
  if (nav) {
    all.push(['response end', at(nav.responseEnd)]);
    if (nav.domContentLoadedEventEnd) all.push(['DOMContentLoaded', at(nav.domContentLoadedEventEnd)]);
  }
  for (const paint of performance.getEntriesByType?.('paint') ?? []) all.push([paint.name, at(paint.startTime)]);
  return all.concat(steps).sort((a, b) => a[1] - b[1]);
}
