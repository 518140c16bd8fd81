import type { StateCreator } from 'zustand';

/** The one alias for a zustand slice creator: `Slice<Store, Part>` instead of repeating StateCreator's generics. */
export type Slice<Store, Part> = StateCreator<Store, [], [], Part>;
