// A small inline-SVG chart of redness (none … severe) over the days after one session,
// built with createElementNS (no markup strings). Colours come from the stylesheet.

import { SEVERITIES, severityLevel } from '../labels.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children (text or nodes). */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const SHORT = ['none', 'mild', 'mod.', 'severe'];

/** The chart for `checkins` ({day, redness}); days 0–3, or 0–7 when a later day is logged. */
export function rednessChart(checkins, { label }) {
  const lastDay = Math.max(3, ...checkins.map((c) => Number(c.day)));
  const days = Math.min(14, lastDay <= 3 ? 3 : Math.max(7, lastDay));
  const width = 300;
  const height = 124;
  const left = 48;
  const right = 12;
  const top = 10;
  const bottom = 30;
  const x = (d) => left + (d / days) * (width - left - right);
  const y = (level) => top + (1 - level / 3) * (height - top - bottom);

  const points = [...checkins]
    .sort((a, b) => a.day - b.day)
    .map((c) => ({ day: Number(c.day), level: severityLevel(c.redness), name: c.redness }));
  const summary = points.length
    ? points.map((p) => `day ${p.day}: ${p.name}`).join(', ')
    : 'no check-ins';

  const chart = svg('svg', {
    class: 'redness-chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': `${label}. Redness by day after the session: ${summary}.`,
  });
  chart.append(svg('title', {}, `${label}: redness by day after the session`));

  for (let level = 0; level <= 3; level++) {
    chart.append(svg('line', { class: 'chart-grid', x1: left, x2: width - right, y1: y(level), y2: y(level) }));
    chart.append(svg('text', { class: 'chart-label', x: left - 6, y: y(level) + 4, 'text-anchor': 'end' }, SHORT[level]));
  }
  for (let d = 0; d <= days; d++) {
    chart.append(svg('text', { class: 'chart-label', x: x(d), y: height - bottom + 16, 'text-anchor': 'middle' }, String(d)));
  }
  chart.append(svg('text', { class: 'chart-axis', x: (left + width - right) / 2, y: height - 2, 'text-anchor': 'middle' }, 'days after the session'));
  // The expected-recovery line: by 72 hours it should be mild at most.
  chart.append(svg('line', { class: 'chart-mark', x1: x(3), x2: x(3), y1: top, y2: height - bottom }));

  if (points.length > 1) {
    chart.append(svg('polyline', {
      class: 'chart-line',
      points: points.map((p) => `${x(p.day)},${y(p.level)}`).join(' '),
    }));
  }
  for (const p of points) {
    chart.append(svg('circle', { class: `chart-point level-${p.level}`, cx: x(p.day), cy: y(p.level), r: 4.5 },
      svg('title', {}, `Day ${p.day}: ${SEVERITIES[p.level][1].toLowerCase()} redness`)));
  }
  return chart;
}
