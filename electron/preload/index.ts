import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildReelbenchApi, type ChannelNames } from '../../shared/ipc/bridge-api';

/** The contract's channel names, put here by the build (electron.vite.config.ts) from `shared/ipc/contract.ts`. */
declare const __REELBENCH_CHANNELS__: ChannelNames;

// Built as one CommonJS file requiring only `electron`: a sandboxed preload can load nothing else.
const api = buildReelbenchApi(__REELBENCH_CHANNELS__, {
  invoke: (channel, request) => ipcRenderer.invoke(channel, request),
  subscribe: (event, listener) => {
    // The IpcRendererEvent (with its sender) never reaches the page, only the payload.
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
});

contextBridge.exposeInMainWorld('reelbench', api);
