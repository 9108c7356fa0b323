/**
 * Turns the rendered gap chart into a file that stands alone: the chart's SVG
 * with every colour, font and stroke resolved from the page's CSS (so dark mode
 * and CSS variables survive), framed by its title, legend and source line.
 * Browser-only: call it from event handlers.
 */

import { dropNonXml, escapeXml } from '@/lib/xml';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The style properties that decide how an SVG element looks once it leaves the page. */
const INLINED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
];

export type ExportLegendItem = {
  swatch: 'closed' | 'approximate' | 'refused' | 'sought' | 'expected' | 'cancelled';
  label: string;
};

export type ExportFrame = {
  title: string;
  subtitle: string;
  legend: ExportLegendItem[];
  source: string;
};

/** Copies the computed look of every element onto the clone, and drops what is invisible or interactive. */
function inlineStyles(original: Element, clone: Element) {
  const style = getComputedStyle(original);
  const hidden = style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0';
  if (hidden && original.tagName !== 'svg') {
    clone.remove();
    return;
  }
  const declarations = INLINED.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';');
  clone.setAttribute('style', declarations);
  for (const attribute of ['class', 'tabindex', 'role', 'aria-describedby', 'data-bar-index']) {
    clone.removeAttribute(attribute);
  }
  for (const attribute of [...clone.attributes]) {
    if (attribute.value.includes('var(')) clone.removeAttribute(attribute.name);
  }
  const originals = [...original.children];
  const clones = [...clone.children];
  originals.forEach((child, i) => inlineStyles(child, clones[i]));
}

/** Breaks text into lines of at most `width` pixels, estimating glyphs at `size` × 0.55. */
function wrap(text: string, width: number, size: number): string[] {
  const perLine = Math.max(12, Math.floor(width / (size * 0.55)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > perLine) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function legendSwatch(item: ExportLegendItem, x: number, y: number, colours: Record<string, string>): string {
  const { history, refusal, paper } = colours;
  switch (item.swatch) {
    case 'closed':
      return `<rect x="${x + 0.75}" y="${y - 8.25}" width="8.5" height="9.25" fill="${history}" fill-opacity="0.3" stroke="${history}" stroke-width="1.5"/><line x1="${x - 1}" y1="${y - 9}" x2="${x + 11}" y2="${y - 9}" stroke="${history}" stroke-width="2"/>`;
    case 'approximate':
      return `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${paper}" stroke="${history}" stroke-dasharray="2 1.5"/><line x1="${x}" y1="${y + 1}" x2="${x + 10}" y2="${y - 9}" stroke="${history}"/>`;
    case 'refused':
      return `<circle cx="${x + 5}" cy="${y - 4}" r="4.5" fill="${refusal}"/>`;
    case 'sought':
      return `<circle cx="${x + 5}" cy="${y - 4}" r="4" fill="${paper}" stroke="${refusal}" stroke-width="2"/>`;
    case 'expected':
      return `<path d="M${x + 5} ${y - 9.5}L${x + 10.5} ${y - 4}L${x + 5} ${y + 1.5}L${x - 0.5} ${y - 4}Z" fill="${paper}" stroke="${refusal}" stroke-width="1.8"/>`;
    case 'cancelled':
      return `<path d="M${x + 1} ${y - 8}L${x + 9} ${y}M${x + 9} ${y - 8}L${x + 1} ${y}" stroke="${refusal}" stroke-width="2"/>`;
  }
}

/** The chart as a standalone SVG document: title, subtitle, chart, legend and source, in resolved colours. */
export function serializeChart(
  svg: SVGSVGElement,
  frame: ExportFrame,
): { markup: string; width: number; height: number } {
  const root = getComputedStyle(document.documentElement);
  const colour = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback;
  const colours = {
    paper: colour('--color-paper', '#ffffff'),
    ink: colour('--color-ink', '#1c1b19'),
    muted: colour('--color-muted', '#6b6862'),
    history: colour('--color-history', '#9b978f'),
    refusal: colour('--color-refusal', '#6d28d9'),
  };
  const font = getComputedStyle(svg).fontFamily || 'system-ui, sans-serif';

  const chartWidth = svg.width.baseVal.value || svg.getBoundingClientRect().width;
  const chartHeight = svg.height.baseVal.value || svg.getBoundingClientRect().height;
  const pad = 16;
  const width = Math.round(chartWidth + pad * 2);
  const textWidth = width - pad * 2;

  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  clone.removeAttribute('style');
  clone.setAttribute('x', String(pad));
  clone.setAttribute('width', String(chartWidth));
  clone.setAttribute('height', String(chartHeight));
  clone.setAttribute('viewBox', `0 0 ${chartWidth} ${chartHeight}`);

  const parts: string[] = [];
  let y = pad + 4;
  for (const line of wrap(frame.title, textWidth, 18)) {
    y += 22;
    parts.push(
      `<text x="${pad}" y="${y}" font-size="18" font-weight="600" fill="${colours.ink}">${escapeXml(line)}</text>`,
    );
  }
  y += 6;
  for (const line of wrap(frame.subtitle, textWidth, 13)) {
    y += 18;
    parts.push(`<text x="${pad}" y="${y}" font-size="13" fill="${colours.muted}">${escapeXml(line)}</text>`);
  }
  y += 12;
  clone.setAttribute('y', String(y));
  y += chartHeight;

  if (frame.legend.length > 0) {
    y += 8;
    let x = pad;
    y += 16;
    for (const item of frame.legend) {
      const itemWidth = 18 + item.label.length * 12 * 0.55 + 16;
      if (x + itemWidth > width - pad && x > pad) {
        x = pad;
        y += 20;
      }
      parts.push(legendSwatch(item, x, y, colours));
      parts.push(`<text x="${x + 16}" y="${y}" font-size="12" fill="${colours.muted}">${escapeXml(item.label)}</text>`);
      x += itemWidth;
    }
  }
  y += 10;
  for (const line of wrap(frame.source, textWidth, 12)) {
    y += 17;
    parts.push(`<text x="${pad}" y="${y}" font-size="12" fill="${colours.muted}">${escapeXml(line)}</text>`);
  }
  const height = Math.round(y + pad);

  const markup =
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(font)}">` +
    `<title>${escapeXml(frame.title)}</title>` +
    `<rect width="100%" height="100%" fill="${colours.paper}"/>` +
    parts.join('') +
    // The serialiser writes a control character in a label (a name, an event) as it is, which no SVG reader accepts.
    dropNonXml(new XMLSerializer().serializeToString(clone)) +
    '</svg>';
  return { markup, width, height };
}

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves the chart as an SVG file. */
export function downloadSvg(svg: SVGSVGElement, frame: ExportFrame, fileName: string) {
  const { markup } = serializeChart(svg, frame);
  save(new Blob([markup], { type: 'image/svg+xml;charset=utf-8' }), fileName);
}

/** Saves the chart as a PNG at twice its size on screen, drawn from the same SVG. */
export async function downloadPng(svg: SVGSVGElement, frame: ExportFrame, fileName: string) {
  const { markup, width, height } = serializeChart(svg, frame);
  const image = new Image();
  image.decoding = 'async';
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw the chart into an image');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (blob === null) throw new Error('This browser could not make the PNG');
  save(blob, fileName);
}
