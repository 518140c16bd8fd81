import type { DomainHandlers } from '../ipc/router';
import type { ModelCatalogService } from './model-catalog-service';

/** Handlers of the `models.*` domain: the merged catalog, and a refresh from APIMart (at most once a day unless forced). */
export function createModelHandlers(models: ModelCatalogService): DomainHandlers<'models'> {
  return {
    'models.catalog': () => models.current(),
    'models.refresh': async ({ force }) => {
      const report = await models.refresh(force ? { force } : {});
      return { catalog: models.current(), unreachable: report.unreachable?.code ?? null };
    },
  };
}
