/** A small SVG sparkline of events per second, built with DOM calls. */

const SVG = 'http://www.w3.org/2000/svg';

/** A sparkline of `values`, `width`×`height` px. */
export function sparkline(values: readonly number[], width = 120, height = 22, title = ''): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  const t = document.createElementNS(SVG, 'title');
  t.textContent = title;
  svg.append(t);
  if (values.length === 0) return svg;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 1 - (v / max) * (height - 3)).toFixed(1)}`);
  if (values.length === 1) points.push(`${width},${points[0]!.split(',')[1]}`);
  const area = document.createElementNS(SVG, 'polygon');
  area.setAttribute('points', `0,${height} ${points.join(' ')} ${width},${height}`);
  area.setAttribute('class', 'sparkline-area');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', points.join(' '));
  line.setAttribute('class', 'sparkline-line');
  svg.append(area, line);
  return svg;
}
