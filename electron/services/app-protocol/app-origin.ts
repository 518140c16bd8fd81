/** The privileged scheme the app's own page is served from (instead of file://, per Electron's security guide). */
export const APP_SCHEME = 'app';
/** The only host under {@link APP_SCHEME}. */
export const APP_HOST = 'reelbench';
/** The page the main window loads in production. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
