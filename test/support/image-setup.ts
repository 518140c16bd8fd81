import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  createImageService,
  type ImageService,
  type ImageServiceDeps,
} from '../../electron/services/images/image-service';

/** A temporary folder for fixtures and a cache, and the image service over it. */
export interface ImageSetup {
  readonly dir: string;
  readonly cacheDir: string;
  readonly images: ImageService;
  close(): Promise<void>;
}

/** Creates the folders and the service (with optional overrides such as a small budget). */
export async function setupImages(overrides: Partial<ImageServiceDeps> = {}): Promise<ImageSetup> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'reelbench-images-'));
  const cacheDir = path.join(dir, 'cache');
  return {
    dir,
    cacheDir,
    images: createImageService({ cacheDir, ...overrides }),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
