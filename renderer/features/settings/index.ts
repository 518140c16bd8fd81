// Settings: what the rest of the window may use of this feature (nothing else of it).
export { SettingsView } from './settings-view';
