// Filled by the scaffolder issue (#5): the kubernetes client.
export {};
