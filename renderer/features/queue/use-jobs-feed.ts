import { useEffect } from 'react';
import { api } from '../../lib/bridge';
import { useJobsStore } from './jobs-store';

/** Loads the jobs once and follows every change the main process reports. */
export function useJobsFeed(): void {
  useEffect(() => {
    const { load, receive } = useJobsStore.getState();
    let unsubscribe: (() => void) | undefined;
    try {
      unsubscribe = api().jobs.onChanged((job) => receive(job));
    } catch {
      return undefined; // Not inside Reelbench.
    }
    void load();
    return unsubscribe;
  }, []);
}
