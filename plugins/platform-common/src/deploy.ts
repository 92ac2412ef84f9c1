/**
 * Body of `POST /v1/entities/:namespace/:kind/:name/deploy`: the Jenkins build whose image to deploy (its number
 * is the image tag the pipeline pushed), and whether only to preview the commit.
 *
 * @public
 */
export interface DeployRequest {
  build: number;
  dryRun?: boolean;
}

/** What a deploy committed to msa_deploy (or, on a dry run, would commit). @public */
export interface DeployResponse {
  dryRun: boolean;
  build: number;
  /** The Jenkins job the build belongs to. */
  jobFullName: string;
  /** The msa_deploy file the pipeline bumps for this service. */
  path: string;
  previousTag: string;
  tag: string;
  /** Unified diff of the commit. */
  diff: string;
  /** The pushed commit; absent on a dry run. */
  commitSha?: string;
  /** Web link of the commit (or of the repository on a dry run). */
  commitUrl?: string;
  /** Push attempts it took (more than one when another commit landed first). */
  attempts: number;
}
