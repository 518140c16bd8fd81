import { useEffect } from 'react';
import { listen } from '../../lib/bridge';
import { useModelsStore } from './models-store';

/** Loads the model catalog once and follows every change the main process reports. */
export function useModelsFeed(): void {
  useEffect(() => {
    const { load, receive } = useModelsStore.getState();
    const stop = listen((bridge) => [bridge.models.onChanged((catalog) => receive(catalog))]);
    if (!stop) return undefined;
    void load();
    return stop;
  }, []);
}
