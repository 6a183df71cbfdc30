// The services module (dịch vụ công trực tuyến, bộ phận một cửa): so far the service catalogue —
// every procedure a definition in config/services/, validated when the server starts (a broken one
// stops the start naming its file and field) and published for browsing. Applications, the
// one-stop desk's workflow, fees and results come next (issue 6). Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import { catalogueRoutes } from './catalogue/catalogue.routes.ts';
import { loadCatalogue, type Catalogue } from './catalogue/catalogue.ts';

export function createServicesModule(deps: { catalogue?: Catalogue } = {}) {
  const catalogue = deps.catalogue ?? loadCatalogue();
  return {
    catalogue,
    async routes(app: FastifyInstance) {
      await app.register(catalogueRoutes(catalogue));
    },
  };
}

export type ServicesModule = ReturnType<typeof createServicesModule>;
export { CatalogueError, loadCatalogue } from './catalogue/catalogue.ts';
export type { Catalogue } from './catalogue/catalogue.ts';
export { quoteFee } from './catalogue/fees.ts';
