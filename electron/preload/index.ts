import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildReelbenchApi, channelNames } from '../../shared/ipc/bridge-api';
import { contract } from '../../shared/ipc/contract';

// Built as one CommonJS file requiring only `electron`: a sandboxed preload can load nothing else.
const api = buildReelbenchApi(channelNames(contract), {
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
