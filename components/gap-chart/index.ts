/*
 * The gap chart of a pair, as the pair page and its embed use it. The folder: gap-chart.tsx (the frame,
 * legend, zoom and downloads), plot.tsx (the Recharts drawing, loaded after the page), scales.ts (time
 * and day axes), rows.ts, bars.tsx and layers.tsx (what is drawn), references.tsx (events and channels),
 * keyboard.ts and tooltip.tsx (focus, hover and what they show), export.ts (SVG and PNG files).
 */
export { GapChart } from './gap-chart';
