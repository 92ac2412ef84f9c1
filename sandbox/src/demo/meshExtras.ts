/**
 * What the demo adds around its two services: the Tempo metrics-generator stand-in (service graph from the
 * demo's spans, served for Prometheus to scrape) and a caller outside the mesh.
 */
import { startExporter } from './exporter.ts';
import { startExternalCaller } from './external.ts';
import { ServiceGraphProcessor } from './serviceGraph.ts';

export interface MeshExtras {
  graph: ServiceGraphProcessor;
  /** `host:port` of the generator's /metrics */
  address: string;
  stop: () => Promise<void>;
}

/** One request every 2 s from outside the mesh, next to the ~5/s through msa-nginx. */
const EXTERNAL_EVERY_MS = 2000;

export async function startMeshExtras(o: {
  host: string;
  loginJsUrl: string;
}): Promise<MeshExtras> {
  const graph = new ServiceGraphProcessor();
  graph.start();
  const exporter = await startExporter({
    host: o.host,
    expose: () => graph.registry.expose(),
  });
  const external = startExternalCaller({
    loginJsUrl: o.loginJsUrl,
    everyMs: EXTERNAL_EVERY_MS,
  });
  return {
    graph,
    address: exporter.address,
    stop: async () => {
      external.stop();
      graph.stop();
      await exporter.stop();
    },
  };
}
