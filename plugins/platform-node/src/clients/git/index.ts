// Filled by the scaffolder issue (#5): the git client.
export {};
