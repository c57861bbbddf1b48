// The weekly consistency chart (issue 14, item 4): per week, the routines completed and
// the days with sunscreen ticked, as paired bars in inline SVG like the check-in chart.

import { svg } from './chart.js';
import { formatDay } from '../format.js';

/** The chart for `weeks` ({weekStart, days, routines, completed, sunscreenDays}), oldest first. */
export function consistencyChart(weeks) {
  const width = 420;
  const height = 150;
  const left = 30;
  const right = 10;
  const top = 10;
  const bottom = 34;
  const most = 14; // two routines a day for a week
  const slot = (width - left - right) / Math.max(1, weeks.length);
  const y = (n) => top + (1 - n / most) * (height - top - bottom);
  const summary = weeks
    .map((w) => `week of ${formatDay(w.weekStart)}: ${w.completed} of ${w.routines} routines completed, sunscreen on ${w.sunscreenDays} of ${w.days} days`)
    .join('; ');
  const chart = svg('svg', {
    class: 'consistency-chart',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': `Routine consistency by week. ${summary || 'No weeks yet'}.`,
  });
  chart.append(svg('title', {}, 'Routines completed and days with sunscreen, by week'));
  for (const n of [0, 7, 14]) {
    chart.append(svg('line', { class: 'chart-grid', x1: left, x2: width - right, y1: y(n), y2: y(n) }));
    chart.append(svg('text', { class: 'chart-label', x: left - 6, y: y(n) + 4, 'text-anchor': 'end' }, String(n)));
  }
  weeks.forEach((w, i) => {
    const x = left + i * slot + slot * 0.15;
    const bar = slot * 0.32;
    chart.append(svg('rect', { class: 'bar-completed', x, y: y(w.completed), width: bar, height: y(0) - y(w.completed) },
      svg('title', {}, `Week of ${formatDay(w.weekStart)}: ${w.completed} of ${w.routines} routines completed`)));
    chart.append(svg('rect', { class: 'bar-sunscreen', x: x + bar + 2, y: y(w.sunscreenDays), width: bar, height: y(0) - y(w.sunscreenDays) },
      svg('title', {}, `Week of ${formatDay(w.weekStart)}: sunscreen on ${w.sunscreenDays} of ${w.days} days`)));
    const [, m, d] = w.weekStart.split('-');
    chart.append(svg('text', { class: 'chart-label', x: left + (i + 0.5) * slot, y: height - bottom + 14, 'text-anchor': 'middle' }, `${Number(d)}/${Number(m)}`));
  });
  chart.append(svg('text', { class: 'chart-axis', x: (left + width - right) / 2, y: height - 4, 'text-anchor': 'middle' }, 'weeks, by their Monday'));
  return chart;
}
