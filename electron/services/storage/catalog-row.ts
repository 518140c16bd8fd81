/** One indexed video, as the catalog stores it (paths relative to the library root, '/'-separated). */
export interface CatalogRow {
  readonly id: string;
  readonly videoPath: string;
  readonly sidecarPath: string;
  readonly videoSize: number;
  readonly videoMtime: number;
  readonly sidecarMtime: number;
  readonly title: string;
  readonly prompt: string | null;
  readonly model: string | null;
  readonly aspect: string | null;
  readonly resolution: string | null;
  readonly duration: number | null;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly favorite: boolean;
  readonly rating: number | null;
  readonly tags: readonly string[];
  readonly notes: string;
  readonly referencePath: string | null;
  readonly taskId: string | null;
  readonly jobId: string | null;
  readonly draftId: string | null;
  readonly draftVersionId: string | null;
  readonly hasPoster: boolean;
}

/** What reconcile compares against the folder to skip unchanged files. */
export interface FileState {
  readonly id: string;
  readonly videoSize: number;
  readonly videoMtime: number;
  readonly sidecarMtime: number;
}

/** Filters, search and paging for a listing. */
export interface CatalogQuery {
  readonly search?: string | undefined;
  readonly sort: 'newest' | 'oldest' | 'duration' | 'title' | 'relevance';
  readonly model?: string | undefined;
  readonly aspect?: string | undefined;
  readonly favorites?: boolean | undefined;
  readonly tag?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}
