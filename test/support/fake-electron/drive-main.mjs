// Starts the built main bundle (argv[2]) against the fake electron module and prints a JSON report of what the
// shell wired up and how that wiring answered a set of probes. Used by test/integration/shell-wiring.test.ts.
import { existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const fakeUrl = new URL('./fake-electron.mjs', import.meta.url).href;
registerHooks({
  resolve: (specifier, context, nextResolve) =>
    specifier === 'electron' ? { url: fakeUrl, shortCircuit: true } : nextResolve(specifier, context),
});

const { recorder, app, FakeWebContents } = await import(fakeUrl);
recorder.netFetch = async (url) => new Response(await readFile(fileURLToPath(String(url))), { status: 200 });

await import(pathToFileURL(path.resolve(process.argv[2])).href);
const waitFor = async (condition, what) => {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
};
await waitFor(() => recorder.windows[0]?.loadedUrl, 'the window to load');
const [window] = recorder.windows;

const invoke = (channel, payload, senderFrame) => recorder.ipcHandlers.get(channel)({ senderFrame }, payload);
const appProtocol = recorder.protocolHandlers.get('app');
const protocolStatus = async (url) => (await appProtocol(new Request(url))).status;
const protocolHeaders = async (url) => {
  const { headers } = await appProtocol(new Request(url));
  return { csp: headers.get('content-security-policy'), nosniff: headers.get('x-content-type-options') };
};
const permission = (name) => new Promise((resolve) => recorder.permissionRequestHandler({}, name, resolve));

const contents = new FakeWebContents();
app.emit('web-contents-created', {}, contents);
const navigate = (url) => {
  let prevented = false;
  contents.emit('will-navigate', {
    url,
    preventDefault: () => {
      prevented = true;
    },
  });
  return prevented;
};
let webviewPrevented = false;
contents.emit('will-attach-webview', {
  preventDefault: () => {
    webviewPrevented = true;
  },
});

const helpMenu = recorder.menuTemplate.find((item) => item.role === 'help');
const report = {
  callOrder: recorder.calls.map((call) => call.name),
  privilegedSchemes: recorder.privilegedSchemes,
  webPreferences: window.options.webPreferences,
  preloadExists: existsSync(window.options.webPreferences.preload),
  loadedUrl: window.loadedUrl,
  ipcChannels: [...recorder.ipcHandlers.keys()],
  ipc: {
    trusted: await invoke('app.info', undefined, { url: 'app://reelbench/index.html' }),
    untrusted: await invoke('app.info', undefined, { url: 'https://evil.example/' }),
    noFrame: await invoke('app.info', undefined, null),
    malformed: await invoke('app.info', { injected: 1 }, { url: 'app://reelbench/index.html' }),
  },
  protocol: {
    index: await protocolStatus('app://reelbench/index.html'),
    escape: await protocolStatus('app://reelbench/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json'),
    otherHost: await protocolStatus('app://other/index.html'),
    unknownMedia: await protocolStatus('app://reelbench/media/video/00000000-0000-4000-8000-000000000000'),
    mediaTraversal: await protocolStatus('app://reelbench/media/video/..%2F..%2Fetc%2Fpasswd'),
  },
  protocolHeaders: {
    index: await protocolHeaders('app://reelbench/index.html'),
    unknownMedia: await protocolHeaders('app://reelbench/media/video/00000000-0000-4000-8000-000000000000'),
  },
  libraryList: await invoke('library.list', {}, { url: 'app://reelbench/index.html' }),
  libraryMoveCancelled: await invoke('library.move', undefined, { url: 'app://reelbench/index.html' }),
  permissions: {
    media: await permission('media'),
    geolocation: await permission('geolocation'),
    clipboardWrite: await permission('clipboard-sanitized-write'),
    check: recorder.permissionCheckHandler({}, 'notifications'),
  },
  navigation: {
    appPrevented: navigate('app://reelbench/index.html'),
    httpsPrevented: navigate('https://apimart.ai/pricing'),
    filePrevented: navigate('file:///etc/passwd'),
    windowOpenHttps: contents.windowOpenHandler({ url: 'https://docs.apimart.ai/' }),
    windowOpenFile: contents.windowOpenHandler({ url: 'file:///etc/passwd' }),
    webviewPrevented,
  },
  menuLabels: recorder.menuTemplate.map((item) => item.label ?? item.role),
};

helpMenu.submenu[0].click();
const settings = recorder.menuTemplate
  .find((item) => item.label === 'File')
  ?.submenu.find((item) => item.label === 'Settings');
settings?.click();
// A job whose image is gone by the time it runs fails before anything is sent, and the shell says so. The image
// was chosen through the picker (the window may name no other file) and then disappeared.
recorder.nextOpenFile = '/nonexistent/reelbench-test/image.png';
const chosen = await invoke('images.pick', undefined, { url: 'app://reelbench/index.html' });
const enqueued = await invoke(
  'jobs.enqueue',
  {
    prompt: 'a job',
    model: 'sora-2-preview',
    params: { duration: 4, aspect_ratio: 'landscape' },
    images: [{ role: 'first', path: chosen.data.image }],
  },
  { url: 'app://reelbench/index.html' },
);
report.jobEnqueued = enqueued.ok;
await waitFor(() => recorder.calls.some((call) => call.name === 'Notification.show'), 'a notification');
report.notifications = recorder.calls.filter((call) => call.name === 'Notification.show').map((call) => call.detail);
report.progressBar = window.progress;
report.eventsSentToWindow = window.webContents.sent;
report.dialogShown = recorder.calls.some((call) => call.name === 'dialog.showOpenDialog');
report.messageBoxes = recorder.messageBoxes;

app.emit('second-instance');
report.focusedOnSecondInstance = window.focused;

window.emit('close');
const stateFile = path.join(recorder.userDataDir, 'window-state.json');
await waitFor(() => existsSync(stateFile), 'the window state file');
report.savedWindowState = JSON.parse(await readFile(stateFile, 'utf8'));
report.openedExternally = recorder.openedExternally;

// A context menu the page asks for: the user picks the second entry, then dismisses one.
const trusted = { url: 'app://reelbench/index.html' };
recorder.onPopup = (template, options) => {
  template[2].click();
  options.callback();
};
const picked = await invoke(
  'app.contextMenu',
  { items: [{ id: 'reveal', label: 'Show in folder' }, { separator: true }, { id: 'trash', label: 'Move to trash' }] },
  trusted,
);
recorder.onPopup = undefined;
const dismissed = await invoke('app.contextMenu', { items: [{ id: 'reveal', label: 'Show in folder' }] }, trusted);
report.contextMenu = {
  picked,
  dismissed,
  shown: recorder.popups
    .slice(0, 2)
    .map((popup) => ({ hasWindow: popup.hasWindow, labels: popup.template.map((entry) => entry.label ?? entry.type) })),
};

// A right-click in a text field on a misspelt word, then on plain selected text, then on nothing.
const editFlags = {
  canUndo: true,
  canRedo: false,
  canCut: true,
  canCopy: true,
  canPaste: true,
  canSelectAll: true,
  canDelete: true,
};
const rightClick = (params) => {
  const before = recorder.popups.length;
  window.webContents.emit(
    'context-menu',
    {},
    { editFlags, misspelledWord: '', dictionarySuggestions: [], selectionText: '', isEditable: false, ...params },
  );
  const popup = recorder.popups[before];
  return popup ? popup.template.map((entry) => entry.role ?? entry.label ?? entry.type) : null;
};
report.editMenus = {
  misspelt: rightClick({ isEditable: true, misspelledWord: 'vidoe', dictionarySuggestions: ['video', 'vide'] }),
  selection: rightClick({ selectionText: 'a paper boat' }),
  nothing: rightClick({}),
};
recorder.popups.at(-2)?.template[0].click();
report.replacedMisspellings = recorder.replacedMisspellings;

// Dragging a library video out: the sample video dropped into the library folder, catalogued, then dragged.
const libraryRoot = path.join(recorder.userDataDir, 'Reelbench');
await copyFile(
  fileURLToPath(new URL('../../fixtures/sample.mp4', import.meta.url)),
  path.join(libraryRoot, 'Dragged out.mp4'),
);
await invoke('library.rebuild', undefined, trusted);
const listed = await invoke('library.list', {}, trusted);
const item = listed.data.items[0];
report.drag = {
  answer: await invoke('library.startDrag', { id: item.id }, trusted),
  drags: recorder.drags,
  expected: path.join(libraryRoot, 'Dragged out.mp4'),
};
report.aboutPanel = recorder.aboutPanel;
report.aboutInMenu = recorder.menuTemplate.some(
  (item) => Array.isArray(item.submenu) && item.submenu.some((entry) => entry.role === 'about'),
);

process.stdout.write(JSON.stringify(report));
process.exit(0);
