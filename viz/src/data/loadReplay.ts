import { parseReplayText, ReplayError, type Replay } from '../../../sim/replay/reader.ts';

/** Bytes → text, gunzipping when the bytes start with gzip's magic number. */
async function toText(bytes: ArrayBuffer): Promise<string> {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return new TextDecoder().decode(bytes);
}

/** Parses replay bytes; the error message names the source and what is wrong. */
export async function replayFromBytes(bytes: ArrayBuffer, source: string): Promise<Replay> {
  let text: string;
  try {
    text = await toText(bytes);
  } catch (err) {
    throw new ReplayError(source, '', `could not be decompressed (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseReplayText(text, source);
}

export async function replayFromUrl(url: string, label = url): Promise<Replay> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    throw new ReplayError(label, '', `could not be fetched (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!res.ok) throw new ReplayError(label, '', `could not be fetched (HTTP ${res.status})`);
  return replayFromBytes(await res.arrayBuffer(), label);
}

/** Files the user opened (picker or drop) are kept here under "mem:<n>" so routes can name them. */
const opened = new Map<string, File>();
let nextFile = 1;

export function rememberFile(f: File): string {
  const key = `mem:${nextFile++}`;
  opened.set(key, f);
  return key;
}

/** Loads a replay named by a route: "mem:<n>" (an opened file) or a URL. */
export async function loadSource(src: string): Promise<Replay> {
  const f = opened.get(src);
  if (f) return replayFromBytes(await f.arrayBuffer(), f.name);
  if (src.startsWith('mem:')) throw new ReplayError(src, '', 'this opened file is gone (the page was reloaded): open it again');
  return replayFromUrl(src, decodeURIComponent(src.split('/').pop() ?? src));
}
