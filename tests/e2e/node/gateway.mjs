// Starts and stops the real gaiarouter binary for the node end-to-end tests:
// a temporary folder (config, SQLite database, log), any free port on
// loopback, the master key in the environment, the mock provider.
//
//   GAIAROUTER_BINARY      the built gaiarouter executable
//   GAIAROUTER_PLUGIN_DIR  the folder holding gaiarouter_mock.so
// Set GAIAROUTER_KEEP_E2E=1 to keep the temporary folder.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const START_TIMEOUT_MS = 20_000;
export const STOP_TIMEOUT_MS = 15_000;

export function requiredEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (CTest sets it; see tests/e2e/CMakeLists.txt)`);
  return value;
}

// config: the YAML text; env: extra variables (GAIAROUTER_* ones included).
export async function startGateway({ config, adminKey, env: extra = {}, prefix = 'gaiarouter-e2e-' }) {
  const binary = requiredEnv('GAIAROUTER_BINARY');
  const pluginDir = requiredEnv('GAIAROUTER_PLUGIN_DIR');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const configPath = join(dir, 'gaiarouter.yaml');
  writeFileSync(configPath, config);

  const env = { ...process.env };
  // Keys and settings from the developer's shell must not leak into the test.
  for (const name of Object.keys(env)) {
    if (/^(OPENAI|ANTHROPIC|GOOGLE|GEMINI|OPENROUTER|GAIAROUTER)_/.test(name)) delete env[name];
  }
  Object.assign(env, extra);
  env.GAIAROUTER_ADMIN_KEY = adminKey;
  env.GAIAROUTER_PLUGIN_DIR = pluginDir;
  env.GAIAROUTER_LOG_FILE = join(dir, 'gaiarouter.log');

  const child = spawn(binary, ['--config', configPath, '--port', '0'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const gateway = { child, dir, output: '', exited: null, port: 0 };
  gateway.exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      gateway.exited = { code, signal };
      resolve(gateway.exited);
    });
  });
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');

  const listening = /gaiarouter listening on http:\/\/127\.0\.0\.1:(\d+)\r?\n/;
  gateway.port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no "gaiarouter listening on" line within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    function fail(why) {
      clearTimeout(timer);
      reject(new Error(`gaiarouter did not start: ${why}\n--- output ---\n${gateway.output}`));
    }
    child.on('error', (err) => fail(`spawn ${binary}: ${err.message}`));
    child.stdout.on('data', (text) => {
      gateway.output += text;
      const match = listening.exec(gateway.output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.stderr.on('data', (text) => {
      gateway.output += text;
    });
    gateway.exitedPromise.then(({ code, signal }) => fail(`exited early (code ${code}, signal ${signal})`));
  });
  gateway.url = `http://127.0.0.1:${gateway.port}`;
  return gateway;
}

export async function stopGateway(gateway) {
  if (!gateway) return null;
  if (gateway.exited === null) gateway.child.kill('SIGTERM');
  let timer;
  const result = await Promise.race([
    gateway.exitedPromise,
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (result === null) gateway.child.kill('SIGKILL');
  if (!process.env.GAIAROUTER_KEEP_E2E) rmSync(gateway.dir, { recursive: true, force: true });
  return result;
}

export function gatewayLog(gateway) {
  try {
    return readFileSync(join(gateway.dir, 'gaiarouter.log'), 'utf8');
  } catch {
    return '';
  }
}
