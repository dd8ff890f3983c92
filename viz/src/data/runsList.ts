import sampleFiles from 'virtual:gridgov-samples';

export interface RunItem {
  label: string;
  src: string;
  detail: string;
}

/** Sample replays bundled into the site (results/samples/), at a path that no rebuild changes. */
export function bundledSamples(): RunItem[] {
  return sampleFiles.map((f) => ({ label: f.replace(/\.replay\.json$/, ''), src: `samples/${f}`, detail: 'bundled sample' }));
}

/**
 * The runs under results/, from the dev server's listing. A static site has no listing:
 * that is not an error, the page then offers the samples and the file picker.
 */
export async function resultsRuns(): Promise<RunItem[] | null> {
  try {
    const res = await fetch('api/runs', { headers: { accept: 'application/json' } });
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return null;
    const body = (await res.json()) as { runs?: { path: string; bytes: number; scenario?: string; policy?: string; seed?: unknown; hours?: number }[] };
    if (!Array.isArray(body.runs)) return null;
    return body.runs.map((r) => ({
      label: r.path,
      src: `results/${r.path.split('/').map(encodeURIComponent).join('/')}`,
      detail: [r.scenario, r.policy, r.seed !== undefined ? `seed ${r.seed}` : '', r.hours ? `${r.hours / 24} days` : '', `${(r.bytes / 1e6).toFixed(1)} MB`].filter(Boolean).join(' · '),
    }));
  } catch {
    return null;
  }
}
