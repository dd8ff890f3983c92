// The charts' stylesheet, in one place: the page adds it once, and every exported SVG carries
// it, so a chart saved as SVG looks as it does on screen.
export const CHART_CSS = `
svg.chart { font: 10px system-ui, sans-serif; background: #fff; }
svg.chart .title { font-weight: bold; font-size: 11px; }
svg.chart .cursor { stroke: #000; stroke-width: 1; }
svg.chart .limit { stroke: #c62828; stroke-dasharray: 3 2; }
svg.chart .limit-label { fill: #c62828; font-size: 9px; }
svg.chart rect.bin { fill: #5c6bc0; }
svg.chart rect.today { fill: none; stroke: #000; }
svg.chart .zero { stroke: #999; }
svg.chart path.series { stroke-width: 1.5; }
svg.chart path.backlog { stroke: #e53935; }
svg.chart path.closed { stroke: #1e88e5; }
svg.chart .caption { fill: #555; }
svg.chart .caption.warn { fill: #e65100; font-weight: bold; }
svg.chart .axis-title { fill: #444; font-style: italic; }
svg.chart .warmup rect { fill: #eceff1; }
svg.chart .warmup text { fill: #78909c; font-size: 9px; }
svg.chart text.day.warm { fill: #9e9e9e; }
svg.chart:focus { outline: 2px solid #1565c0; }
`;

let added = false;
export function addChartStyle(): void {
  if (added) return;
  added = true;
  const style = document.createElement('style');
  style.textContent = CHART_CSS;
  document.head.append(style);
}
