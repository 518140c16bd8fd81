import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventMethodName, splitChannel } from '../../shared/ipc/bridge-api';
import { contract } from '../../shared/ipc/contract';
import { BUILT, requireBuild } from '../support/build-output';

beforeAll(requireBuild);

interface FakeElectron {
  exposed: Map<string, unknown>;
  invoked: { channel: string; payload: unknown }[];
  listeners: Map<string, ((event: unknown, payload: unknown) => void)[]>;
}

/** Runs the built preload the way a sandboxed renderer does: CommonJS, and `require` offers only `electron`. */
async function runPreloadInSandbox(): Promise<FakeElectron> {
  const fake: FakeElectron = { exposed: new Map(), invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        fake.invoked.push({ channel, payload });
        return { ok: true, data: channel };
      },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        fake.listeners.set(channel, [...(fake.listeners.get(channel) ?? []), listener]);
      },
      removeListener: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        fake.listeners.set(
          channel,
          (fake.listeners.get(channel) ?? []).filter((entry) => entry !== listener),
        );
      },
    },
  };
  const requireOnlyElectron = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${id}"`);
  };
  const module = { exports: {} };
  const code = await readFile(BUILT.preload, 'utf8');
  vm.runInNewContext(
    code,
    { require: requireOnlyElectron, module, exports: module.exports },
    { filename: BUILT.preload },
  );
  return fake;
}

describe('preload bundle', () => {
  it('is one CommonJS file that requires nothing but electron', async () => {
    const code = await readFile(BUILT.preload, 'utf8');
    expect(path.extname(BUILT.preload)).toBe('.cjs');
    const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\(/);
  });

  it("carries the contract's channel names only, not its schemas", async () => {
    const code = await readFile(BUILT.preload, 'utf8');
    expect(code).not.toMatch(/ZodError|safeParse/);
    expect(code.length).toBeLessThan(16 * 1024);
    const fake = await runPreloadInSandbox();
    const api = fake.exposed.get('reelbench') as Record<string, Record<string, unknown>>;
    const exposed = Object.entries(api).flatMap(([domain, methods]) =>
      Object.keys(methods).map((method) => `${domain}.${method}`),
    );
    const expected = [
      ...Object.keys(contract.invoke),
      ...Object.keys(contract.events).map((event) => {
        const [domain, verb] = splitChannel(event);
        return `${domain}.${eventMethodName(verb)}`;
      }),
    ];
    expect(new Set(exposed)).toEqual(new Set(expected));
  });

  it('exposes window.reelbench built from the contract, forwarding calls and events over ipcRenderer', async () => {
    const fake = await runPreloadInSandbox();
    expect([...fake.exposed.keys()]).toEqual(['reelbench']);
    const api = fake.exposed.get('reelbench') as {
      app: { info(): Promise<unknown>; onNavigate(listener: (payload: unknown) => void): () => void };
    };
    await expect(api.app.info()).resolves.toEqual({ ok: true, data: 'app.info' });
    expect(fake.invoked).toEqual([{ channel: 'app.info', payload: undefined }]);

    const seen: unknown[] = [];
    const unsubscribe = api.app.onNavigate((payload) => seen.push(payload));
    const [listener] = fake.listeners.get('app.navigate') ?? [];
    listener?.({ sender: 'the IpcRendererEvent must not reach the page' }, { view: 'library' });
    expect(seen).toEqual([{ view: 'library' }]);
    unsubscribe();
    expect(fake.listeners.get('app.navigate')).toEqual([]);
  });
});

describe('main bundle', () => {
  it('is an ES module that does not rely on __dirname and points at the .cjs preload', async () => {
    const code = await readFile(BUILT.main, 'utf8');
    expect(code).toMatch(/^import .* from "electron";$/m);
    expect(code).not.toMatch(/\b__dirname\b|\b__filename\b/);
    expect(code).toContain('../preload/index.cjs');
  });

  it('loads at run time only Node built-ins, electron and runtime dependencies; native modules stay external', async () => {
    const mainDir = path.dirname(BUILT.main);
    const files = (await readdir(mainDir, { recursive: true })).filter((file) => file.endsWith('.js'));
    const code = (await Promise.all(files.map((file) => readFile(path.join(mainDir, file), 'utf8')))).join('\n');
    const manifest = JSON.parse(await readFile(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const loaded = new Set(
      // A module specifier has no spaces: text such as `"boards.music.from": "From shot"` is not an import.
      [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)"([^"\s]+)"/g)]
        .map((match) => match[1] ?? '')
        .filter((name) => !name.startsWith('.')),
    );
    // A scoped package is named by its first two segments (`@modelcontextprotocol/sdk/server/mcp.js`).
    const packageOf = (name: string) =>
      name
        .split('/')
        .slice(0, name.startsWith('@') ? 2 : 1)
        .join('/');
    const allowed = (name: string) =>
      name.startsWith('node:') || name === 'electron' || Object.hasOwn(manifest.dependencies, packageOf(name));
    expect([...loaded].filter((name) => !allowed(name))).toEqual([]);
    expect(loaded).toContain('keytar');
    expect(loaded).toContain('sharp');
    expect(code).not.toMatch(/keytar\.node|node-gyp-build/);
  });

  it('keeps electron out of the CLI, which runs under plain Node', async () => {
    const cli = await readFile(path.join(path.dirname(BUILT.main), 'cli.js'), 'utf8');
    const chunks = [...cli.matchAll(/from "\.\/(chunks\/[^"]+)"/g)].map((match) => match[1] ?? '');
    const reachable = [
      cli,
      ...(await Promise.all(chunks.map((chunk) => readFile(path.join(path.dirname(BUILT.main), chunk), 'utf8')))),
    ];
    for (const code of reachable) expect(code).not.toMatch(/from "electron"|import\("electron"\)/);
  });
});

describe('renderer bundle', () => {
  function cspOf(html: string): Map<string, string[]> {
    const content = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)?.[1];
    if (!content) throw new Error('index.html has no Content-Security-Policy meta tag');
    return new Map(
      content
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...values]) => [name as string, values]),
    );
  }

  it('ships a strict Content-Security-Policy: scripts from self only, no eval, no inline code', async () => {
    const html = await readFile(BUILT.rendererHtml, 'utf8');
    const csp = cspOf(html);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(html).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval/);
  });

  it('loads its scripts from files, with no inline script', async () => {
    const html = await readFile(BUILT.rendererHtml, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="\.?\/assets\/[^"]+\.js"/);
      expect(body?.trim()).toBe('');
    }
  });
});
