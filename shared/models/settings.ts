import { trimEndOf } from '../text/plain-text';
import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { isSecureOrLoopback } from '../net/url-policy';
import { messageRefSchema } from '../errors';

/** The API's documented home. */
export const DEFAULT_API_BASE_URL = 'https://api.apimart.ai';

/** Why a base URL was refused, as the settings form shows it. */
export const BASE_URL_RULE =
  'The API address must start with https:// (plain http is allowed only for this computer, for testing).';

const baseUrlSchema = z
  .string()
  .trim()
  .refine(isSecureOrLoopback, BASE_URL_RULE)
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  }, 'The API address cannot contain a user name, password, query or fragment.')
  .transform((value) => trimEndOf(value, '/'));

const languageSettingSchema = z.enum(['system', ...LANGUAGES]);
const themeSettingSchema = z.enum(['system', 'light', 'dark']);

/** What was wrong with settings.json when it was read: English for the CLI, catalog messages for the window. */
export const settingsProblemSchema = z.object({
  message: z.string(),
  text: messageRefSchema.optional(),
  moreText: messageRefSchema.optional(),
});

/** One thing wrong with settings.json. */
export type SettingsProblem = z.infer<typeof settingsProblemSchema>;

/** What an assistant may do through `reelbench mcp`: spend up to a ceiling per session, ask first, write where. */
export const mcpSettingsSchema = z.object({
  /** Dollars one MCP session may spend in all; a call that would pass it is refused. */
  maxSpend: z.number().min(0).max(1000).default(2),
  /** `always`: every billed call answers "needs confirmation" with its cost and a token first. */
  confirm: z.enum(['never', 'always']).default('never'),
  /** A folder films may be exported into besides the library (absolute); null: the library only. */
  exportDir: z.string().min(1).nullable().default(null),
});

/** The MCP server's settings. */
export type McpSettings = z.infer<typeof mcpSettingsSchema>;

/** User settings. The API key is never here: it lives only in the OS keychain. */
export const settingsSchema = z.object({
  apiBaseUrl: baseUrlSchema.default(DEFAULT_API_BASE_URL),
  /** The library folder; null means the default (the OS Videos folder + /Reelbench). Changed by "move library". */
  libraryDir: z.string().min(1).nullable().default(null),
  /** How many jobs may be in flight at once; the rest wait in the queue. */
  concurrency: z.number().int().min(1).max(10).default(3),
  /** The user's price per second of video, per model (APIMart's prices change, so they are not built in). */
  prices: z.record(z.string(), z.number().min(0).max(1000)).default({}),
  /** The interface language; `system` follows the OS. */
  language: languageSettingSchema.default('system'),
  /** Light or dark; `system` follows the OS. */
  theme: themeSettingSchema.default('system'),
  mcp: mcpSettingsSchema.prefault({}),
});

/** The app's settings. */
export type Settings = z.infer<typeof settingsSchema>;

/** A change to some settings. */
export const settingsPatchSchema = z.object({
  apiBaseUrl: baseUrlSchema.optional(),
  language: languageSettingSchema.optional(),
  theme: themeSettingSchema.optional(),
  concurrency: z.number().int().min(1).max(10).optional(),
  prices: z.record(z.string(), z.number().min(0).max(1000)).optional(),
  mcp: mcpSettingsSchema.optional(),
});

/** A partial update. */
export type SettingsPatch = z.input<typeof settingsPatchSchema>;
