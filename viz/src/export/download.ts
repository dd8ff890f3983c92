import { CHART_CSS } from '../charts/chartStyle.ts';

declare global {
  interface Window {
    /** The files the page offered for download, newest last (tests read their names and sizes). */
    gridgovDownloads?: { name: string; bytes: number; type: string }[];
  }
}

/** Offers a blob as a file download. */
export function download(name: string, blob: Blob): void {
  (window.gridgovDownloads ??= []).push({ name, bytes: blob.size, type: blob.type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A chart as a standalone SVG document, with its stylesheet inside. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = CHART_CSS;
  copy.prepend(style);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}\n`;
}

export function downloadSvg(svg: SVGSVGElement, name: string): void {
  download(name, new Blob([svgText(svg)], { type: 'image/svg+xml' }));
}

function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('could not draw a chart into the PNG'));
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(svg))}`;
  });
}

/**
 * The view as one PNG: the maps and the charts where they are on screen (their page positions
 * relative to `root`), on white, with a caption line of what it shows.
 */
export async function viewPng(root: HTMLElement, caption: string): Promise<Blob> {
  const base = root.getBoundingClientRect();
  const items = Array.from(root.querySelectorAll<HTMLCanvasElement | SVGSVGElement>('canvas.map, svg.chart'));
  const boxes = items.map((e) => e.getBoundingClientRect());
  const width = Math.ceil(Math.max(base.width, ...boxes.map((b) => b.right - base.left)));
  const height = Math.ceil(Math.max(...boxes.map((b) => b.bottom - base.top), 0)) + 24;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < items.length; i++) {
    const e = items[i]!;
    const b = boxes[i]!;
    const img = e instanceof HTMLCanvasElement ? e : await svgImage(e);
    ctx.drawImage(img, b.left - base.left, b.top - base.top + 24, b.width, b.height);
  }
  ctx.fillStyle = '#222';
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillText(caption, 6, 16);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG export failed'))), 'image/png'));
}
