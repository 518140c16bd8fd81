// Lint, and the architecture's import boundaries (see README "Layout"): a boundary broken is a lint error,
// so `npm test` fails on it. Flat config: a later block replaces the rule for the files it matches, so each
// folder's restrictions are listed whole by `restrictImports`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import regexp from 'eslint-plugin-regexp';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const bareBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.startsWith('node:'));

const ban = {
  electron: { name: 'electron', message: 'Only the shell (electron/main, electron/preload) may import electron.' },
  keytar: { name: 'keytar', message: 'Only electron/services/keychain may import keytar.' },
  sharp: { name: 'sharp', message: 'Only electron/services/images may import sharp.' },
  sqlite: { name: 'node:sqlite', message: 'Only electron/services/storage may import node:sqlite.' },
  ipcMain: {
    name: 'electron',
    importNames: ['ipcMain'],
    message: 'Register channels through the contract: ipcMain is used only in electron/main/ipc-bridge.ts.',
  },
  ipcRenderer: {
    name: 'electron',
    importNames: ['ipcRenderer'],
    message: 'Only the preload talks to ipcRenderer; everything else goes through the contract.',
  },
};
const builtinBans = [
  ...bareBuiltins.map((name) => ({
    name,
    message: 'The renderer and shared code run in a browser page: no Node built-ins.',
  })),
];
const nodePrefixBan = {
  regex: '^node:',
  message: 'The renderer and shared code run in a browser page: no Node built-ins.',
};
const folderBan = (folder, message) => ({ regex: `^(\\.{1,2}/)+(.*/)?${folder}(/|$)`, message });
const toElectronFolder = folderBan('electron', 'renderer/ and shared/ never import from electron/.');
const toRendererFolder = folderBan('renderer', 'Only the renderer imports renderer/ code.');
const toShellFolder = folderBan(
  'main',
  'Services are plain Node: they never import the Electron shell (electron/main).',
);
const toServicesFromPreload = folderBan('services', 'The preload bundles only shared/ code and electron.');

function restrictImports(paths, patterns = []) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

// The renderer's layers, bottom up: lib/ (the bridge, stores every view shares), i18n/, ui/ (plain components), then
// the features — each may use the ones before it in this list, only through its public entry (`features/x/index.ts`)
// — and app/ (the frame) on top. An import that runs back up, or into another feature's inner files, is a lint error.
const FEATURES = ['models', 'compare', 'library', 'queue', 'settings', 'workbench', 'boards', 'onboarding', 'shell'];
const rendererBase = {
  paths: [ban.electron, ban.keytar, ban.sharp, ...builtinBans],
  patterns: [nodePrefixBan, toElectronFolder],
};
const layerBan = (regex, message) => ({ regex, message });
const upTo = (folders, message) => folders.map((folder) => layerBan(`^(\\.{1,2}/)+${folder}(/|$)`, message));
const rendererLayers = [
  {
    files: ['renderer/lib/**/*.{ts,tsx}'],
    bans: upTo(['i18n', 'ui', 'features', 'app'], 'lib/ is the ground floor: it imports only shared/.'),
  },
  { files: ['renderer/i18n/**/*.{ts,tsx}'], bans: upTo(['ui', 'features', 'app'], 'i18n/ stands on lib/ only.') },
  {
    files: ['renderer/ui/**/*.{ts,tsx}'],
    bans: upTo(['features', 'app'], 'ui/ holds plain components: no feature, no frame.'),
  },
  ...FEATURES.map((feature, rank) => ({
    files: [`renderer/features/${feature}/**/*.{ts,tsx}`],
    bans: [
      ...upTo(['app'], 'A feature never imports the frame (app/).'),
      ...FEATURES.slice(rank + 1).map((higher) =>
        layerBan(`^\\.\\./${higher}(/|$)`, `${feature} stands below ${higher} (see FEATURES in eslint.config.js).`),
      ),
      layerBan(
        '^\\.\\./[^./][^/]*/.+',
        'Another feature is used through its public entry (`../name`), never its inner files.',
      ),
      {
        regex: '/lib/bridge$',
        importNames: ['toErrorData'],
        message:
          "A failure becomes what the window shows in one place: `failureOf` (a view's error) or `fail` (a notice).",
      },
    ],
  })),
  {
    files: ['renderer/app/**/*.{ts,tsx}'],
    bans: [
      layerBan(
        '^\\.\\./features/[^/]+/.+',
        'The frame uses features through their public entries (`../features/name`).',
      ),
    ],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'test/fixtures/**', '.stryker-tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['scripts/**/*.js', 'test/**/*.mjs', '*.config.{js,mjs,ts}'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Text from outside (answers, sidecars, files) meets these patterns: none may backtrack in super-linear time,
    // where one hostile message would freeze the process (a quadratic /model.*(…)/ once did, on 1 MB of "model").
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  {
    // The main process answers the window while it works: no request may wait on the disk with the whole process.
    // Opening a store once (its folder made, its file checked) may stay synchronous, each marked where it stands.
    files: ['electron/services/**/*.ts', 'electron/main/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/^(node:)?fs$/] > ImportSpecifier[imported.name=/Sync$/]',
          message: 'Synchronous file I/O blocks the main process: use node:fs/promises.',
        },
        {
          selector: 'MemberExpression[object.name=/^fs$/][property.name=/Sync$/]',
          message: 'Synchronous file I/O blocks the main process: use node:fs/promises.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrictImports([ban.electron, ban.keytar, ban.sharp, ...builtinBans], [nodePrefixBan, toElectronFolder]),
    },
  },
  ...rendererLayers.map(({ files, bans }) => ({
    files,
    rules: restrictImports(rendererBase.paths, [...rendererBase.patterns, ...bans]),
  })),
  {
    files: ['shared/**/*.ts'],
    rules: restrictImports(
      [ban.electron, ban.keytar, ban.sharp, ...builtinBans],
      [nodePrefixBan, toElectronFolder, toRendererFolder],
    ),
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrictImports([ban.electron, ban.keytar, ban.sharp, ban.sqlite], [toRendererFolder, toShellFolder]),
  },
  {
    files: ['electron/services/keychain/**/*.ts'],
    rules: restrictImports([ban.electron, ban.sharp, ban.sqlite], [toRendererFolder, toShellFolder]),
  },
  {
    files: ['electron/services/images/**/*.ts'],
    rules: restrictImports([ban.electron, ban.keytar, ban.sqlite], [toRendererFolder, toShellFolder]),
  },
  {
    files: ['electron/services/storage/**/*.ts'],
    rules: restrictImports([ban.electron, ban.keytar, ban.sharp], [toRendererFolder, toShellFolder]),
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: restrictImports([ban.ipcMain, ban.ipcRenderer, ban.keytar, ban.sharp, ban.sqlite], [toRendererFolder]),
  },
  {
    files: ['electron/main/ipc-bridge.ts'],
    rules: restrictImports([ban.ipcRenderer, ban.keytar, ban.sharp, ban.sqlite], [toRendererFolder]),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrictImports(
      [ban.ipcMain, ban.keytar, ban.sharp, ...builtinBans],
      [nodePrefixBan, toRendererFolder, toServicesFromPreload, toShellFolder],
    ),
  },
);
