import { useEffect } from 'react';
import { listen } from '../../lib/bridge';
import { useJobsStore } from './jobs-store';

/** Loads the jobs once and follows every change the main process reports. */
export function useJobsFeed(): void {
  useEffect(() => {
    const { load, receive } = useJobsStore.getState();
    const stop = listen((bridge) => [bridge.jobs.onChanged((job) => receive(job))]);
    if (!stop) return undefined;
    void load();
    return stop;
  }, []);
}
