// Filled by the scaffolder issue (#5): the jenkins client.
export {};
