import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { gzipFolder } from '../../../build/precompress';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'precompress-'));
  mkdirSync(join(dir, 'assets'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('gzipFolder', () => {
  test('compresses larger text files, in subfolders too, to bytes that decode to the original', () => {
    const script = 'console.log("gaiarouter");\n'.repeat(200);
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), script);
    writeFileSync(join(dir, 'index.html'), `<!doctype html>${'<div></div>'.repeat(200)}`);
    const written = gzipFolder(dir).sort();
    expect(written).toEqual([join(dir, 'assets', 'app-1a2b.js.gz'), join(dir, 'index.html.gz')]);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'app-1a2b.js.gz'))).toString()).toBe(script);
    expect(readFileSync(join(dir, 'assets', 'app-1a2b.js.gz')).length).toBeLessThan(script.length / 4);
  });

  test('leaves small files, binary files and incompressible ones alone', () => {
    writeFileSync(join(dir, 'small.css'), 'body{}');
    writeFileSync(join(dir, 'logo.png'), Buffer.alloc(4096, 7));
    // Random bytes do not shrink.
    writeFileSync(join(dir, 'noise.json'), Buffer.from(Array.from({ length: 4096 }, () => Math.floor(Math.random() * 256))));
    expect(gzipFolder(dir)).toEqual([]);
    expect(existsSync(join(dir, 'small.css.gz'))).toBe(false);
    expect(existsSync(join(dir, 'logo.png.gz'))).toBe(false);
  });
});
