import type { AppInfo } from '../../shared/models/app-info';
import { createAppHandlers } from './app/app-handlers';
import { createIpcRouter, type IpcHandlers, type IpcRouter } from './ipc/router';
import type { TrustedSenderCheck } from './ipc/trusted-sender';
import type { Logger } from './logging/logger';

/** Everything the main-process services need from the outside world. */
export interface MainServiceDeps {
  readonly identity: AppInfo;
  readonly isTrustedSender: TrustedSenderCheck;
  readonly logger: Logger;
}

/** The assembled main-process services, as the shell (and the e2e harness) use them. */
export interface MainServices {
  readonly router: IpcRouter;
}

/**
 * Composition of the plain-Node services. The Electron shell calls this with real paths and Electron's facts;
 * the e2e harness calls it too, so the browser tests exercise exactly the same router and services.
 */
export function createMainServices(deps: MainServiceDeps): MainServices {
  const handlers: IpcHandlers = {
    ...createAppHandlers(deps.identity),
  };
  return { router: createIpcRouter({ handlers, isTrustedSender: deps.isTrustedSender, logger: deps.logger }) };
}
