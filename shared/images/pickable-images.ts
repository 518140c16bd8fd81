/** The image files a user can pick (the file dialog's filter), and so the only ones an assistant may name. */
export const PICKABLE_IMAGE_EXTENSIONS = [
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'avif',
  'tif',
  'tiff',
  'svg',
  'heic',
] as const;
