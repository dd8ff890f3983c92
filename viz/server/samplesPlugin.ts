// Node-only: the bundled sample replays (results/samples/*.replay.json) at a stable path,
// samples/<name>.replay.json, in the built site and on the dev server, so a link to a sample
// survives a rebuild (no content hash in the name). The page learns the names from the virtual
// module `virtual:gridgov-samples`.
import { createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:gridgov-samples';
const RESOLVED = `\0${VIRTUAL}`;

export function samplesPlugin(dir: string): Plugin {
  const names = () => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.replay.json')).sort() : []);
  return {
    name: 'gridgov-samples',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : null),
    load: (id) => (id === RESOLVED ? `export default ${JSON.stringify(names())};` : null),
    generateBundle() {
      for (const f of names()) this.emitFile({ type: 'asset', fileName: `samples/${f}`, source: readFileSync(join(dir, f)) });
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = /^\/samples\/([\w.-]+\.replay\.json)$/.exec((req.url ?? '').split('?')[0]!);
        if (!m || !names().includes(m[1]!)) return next();
        res.setHeader('content-type', 'application/json');
        createReadStream(join(dir, m[1]!)).pipe(res);
      });
    },
  };
}
