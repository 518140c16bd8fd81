/** Languages the interface ships in: English, and APIMart's own audiences. */
export const LANGUAGES = ['en', 'ko', 'ja', 'zh'] as const;

/** A language the interface is translated into. */
export type Language = (typeof LANGUAGES)[number];
