/** Credentials fixed by docs/integration-contract.md. */
export const CREDENTIALS = {
  git: { username: 'platform', password: 'sandbox-git-token' },
  argocd: {
    token: 'sandbox-argocd-token',
    username: 'admin',
    password: 'sandbox-argocd-password',
  },
  jenkins: { username: 'platform', apiToken: 'sandbox-jenkins-token' },
  kubernetes: { token: 'sandbox-kube-token' },
  elasticsearch: {
    username: 'elastic',
    password: 'sandbox-elastic-password',
    /** `Authorization: ApiKey base64(id:api_key)`, as Elasticsearch's create-API-key answer's `encoded` */
    apiKeyId: 'sandbox-es-key',
    apiKey: 'sandbox-es-api-key',
    /** a user that may read only `other-*` indices, for 403 answers */
    limitedUsername: 'other-reader',
    limitedPassword: 'sandbox-other-reader-password',
  },
} as const;
