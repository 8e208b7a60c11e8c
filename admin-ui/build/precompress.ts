import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync, constants } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

// Writes "<file>.gz" beside every text file of the build worth compressing;
// the gateway sends it to clients that accept gzip (host/src/console), so it
// never compresses per request.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|map|txt|webmanifest)$/;
const MIN_BYTES = 1024; // below this the headers outweigh the saving

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

export function gzipFolder(dir: string): string[] {
  const written: string[] = [];
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    const bytes = readFileSync(file);
    if (bytes.length < MIN_BYTES) continue;
    const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
    if (gz.length >= bytes.length) continue;
    writeFileSync(`${file}.gz`, gz);
    written.push(`${file}.gz`);
  }
  return written;
}

export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'gaiarouter-precompress',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      gzipFolder(resolve(config.root, config.build.outDir));
    },
  };
}
