// A recording stand-in for the `electron` module, just enough for the built main bundle to start under Node.
// It lets tests drive the shell's wiring (handlers, protocol, permissions, navigation) without an Electron binary.
import { EventEmitter } from 'node:events';

/** Everything the shell did, in order, plus handles to what it registered. */
export const recorder = {
  calls: [],
  ipcHandlers: new Map(),
  protocolHandlers: new Map(),
  privilegedSchemes: [],
  permissionRequestHandler: undefined,
  permissionCheckHandler: undefined,
  openedExternally: [],
  menuTemplate: undefined,
  popups: [],
  onPopup: undefined,
  drags: [],
  replacedMisspellings: [],
  aboutPanel: undefined,
  windows: [],
  messageBoxes: [],
  nextOpenFile: null,
  userDataDir: process.env.FAKE_ELECTRON_USER_DATA,
  netFetch: async () => new Response('', { status: 500 }),
};

const record = (name, detail) => recorder.calls.push(detail === undefined ? { name } : { name, detail });

class FakeApp extends EventEmitter {
  isPackaged = process.env.FAKE_ELECTRON_PACKAGED === '1';
  #ready;
  constructor() {
    super();
    // Resolves after the main module's top level has run, as Electron's does.
    this.#ready = new Promise((resolve) =>
      setTimeout(() => {
        record('app.ready');
        resolve();
      }, 0),
    );
  }
  whenReady() {
    return this.#ready;
  }
  getName() {
    return 'Reelbench';
  }
  getVersion() {
    return '9.9.9-fake';
  }
  // The OS's languages, best first: a test sets FAKE_ELECTRON_LANGUAGES to see menus and dialogs in another.
  getPreferredSystemLanguages() {
    return (process.env.FAKE_ELECTRON_LANGUAGES ?? 'en-US').split(',');
  }
  setAboutPanelOptions(options) {
    record('app.setAboutPanelOptions');
    recorder.aboutPanel = options;
  }
  getPath(name) {
    record('app.getPath', name);
    return recorder.userDataDir;
  }
  requestSingleInstanceLock() {
    record('app.requestSingleInstanceLock');
    return true;
  }
  quit() {
    record('app.quit');
  }
  exit(code) {
    record('app.exit', code);
  }
}
export const app = new FakeApp();

export const ipcMain = {
  handle(channel, handler) {
    record('ipcMain.handle', channel);
    recorder.ipcHandlers.set(channel, handler);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record('protocol.registerSchemesAsPrivileged');
    recorder.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    record('protocol.handle', scheme);
    recorder.protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  fetch: (...args) => {
    record('net.fetch', String(args[0]));
    return recorder.netFetch(...args);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      recorder.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      recorder.permissionCheckHandler = handler;
    },
  },
};

export const shell = {
  openExternal: async (url) => {
    recorder.openedExternally.push(url);
  },
  trashItem: async (file) => {
    record('shell.trashItem', file);
  },
  showItemInFolder: (file) => {
    record('shell.showItemInFolder', file);
  },
};
export class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    this.options = options;
  }
  show() {
    record('Notification.show', this.options.title);
  }
}
export const dialog = {
  // Cancelled, unless the driver says which file the user picks next (once).
  showOpenDialog: async () => {
    record('dialog.showOpenDialog');
    const file = recorder.nextOpenFile;
    recorder.nextOpenFile = null;
    return file ? { canceled: false, filePaths: [file] } : { canceled: true, filePaths: [] };
  },
  // The first button (the default action) unless FAKE_ELECTRON_MESSAGE_BOX_ANSWER says another.
  showMessageBox: async (options) => {
    recorder.messageBoxes.push({ message: options.message, detail: options.detail, buttons: options.buttons });
    return { response: Number(process.env.FAKE_ELECTRON_MESSAGE_BOX_ANSWER ?? 0) };
  },
};
export const nativeTheme = { shouldUseDarkColors: false };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };

export const Menu = {
  buildFromTemplate(template) {
    return {
      template,
      // A test answers a popup through recorder.onPopup (click an entry, then close); by default it is dismissed.
      popup(options = {}) {
        recorder.popups.push({ template, hasWindow: Boolean(options.window) });
        if (recorder.onPopup) recorder.onPopup(template, options);
        else options.callback?.();
      },
    };
  },
  setApplicationMenu(menu) {
    record('Menu.setApplicationMenu', menu ? 'set' : 'cleared');
    recorder.menuTemplate = menu?.template;
  },
};

export const nativeImage = {
  createFromDataURL(url) {
    return { isEmpty: () => !/^data:image\/png;base64,.+/.test(url) };
  },
};

class FakeWebContents extends EventEmitter {
  sent = [];
  windowOpenHandler = undefined;
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  startDrag(item) {
    recorder.drags.push({ file: item.file, iconEmpty: item.icon.isEmpty() });
  }
  replaceMisspelling(word) {
    recorder.replacedMisspellings.push(word);
  }
  session = { addWordToSpellCheckerDictionary: () => true };
}
export { FakeWebContents };

export class BrowserWindow extends EventEmitter {
  static getAllWindows() {
    return recorder.windows;
  }
  webContents = new FakeWebContents();
  focused = false;
  constructor(options) {
    super();
    this.options = options;
    recorder.windows.push(this);
    record('BrowserWindow.new');
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    record('BrowserWindow.loadURL', url);
    this.loadedUrl = url;
  }
  getNormalBounds() {
    return { x: 10, y: 20, width: 1111, height: 777 };
  }
  isMaximized() {
    return false;
  }
  isMinimized() {
    return false;
  }
  maximize() {}
  setProgressBar(value) {
    this.progress = value;
  }
  isFocused() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  show() {}
  restore() {}
  focus() {
    this.focused = true;
  }
}
