import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Plugin, ResolvedConfig } from "vite";

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Text files worth compressing; source maps are only fetched by developer tools. */
const compressible = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;

async function* filesIn(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesIn(full);
    else yield full;
  }
}

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) next to every built text file of at least
 * `threshold` bytes, once the bundle (and the service worker, which vite-plugin-pwa writes when the bundle closes) is
 * on disk. The server serves them as they are (@fastify/static `preCompressed`), so no request pays for compression
 * and every respondent gets the smallest encoding the browser accepts.
 */
export function precompress(options: { threshold?: number } = {}): Plugin {
  const threshold = options.threshold ?? 1024;
  let config: ResolvedConfig;
  return {
    name: "sapat:precompress",
    apply: "build",
    enforce: "post",
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle: {
      order: "post",
      sequential: true,
      async handler() {
        const outDir = path.resolve(config.root, config.build.outDir);
        const work: Array<Promise<void>> = [];
        for await (const file of filesIn(outDir)) {
          if (!compressible.test(file)) continue;
          work.push(
            (async () => {
              // The respondent's build writes into the directory the workspace's build has just compressed.
              const done = await fs.stat(`${file}.br`).catch(() => null);
              if (done && done.mtimeMs >= (await fs.stat(file)).mtimeMs) return;
              const content = await fs.readFile(file);
              if (content.length < threshold) return;
              const [br, gz] = await Promise.all([
                brotli(content, {
                  params: {
                    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
                    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
                  },
                }),
                gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
              ]);
              await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)]);
            })(),
          );
        }
        await Promise.all(work);
      },
    },
  };
}
