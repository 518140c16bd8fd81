import { ipcMain, type WebContents } from 'electron';
import type { EventSink } from '../services/ipc/event-emitter';
import type { IpcRouter } from '../services/ipc/router';

/** Wires every contract channel to the router; the router checks the sender and validates the payload. */
export function registerIpcRouter(router: IpcRouter): void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      router.dispatch(channel, payload, { senderUrl: event.senderFrame?.url }),
    );
  }
}

/** Delivers events to whichever window is current; events for a closed window are dropped. */
export function webContentsSink(current: () => WebContents | undefined): EventSink {
  return (event, payload) => {
    const contents = current();
    if (contents && !contents.isDestroyed()) contents.send(event, payload);
  };
}
