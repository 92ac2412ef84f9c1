// Filled by the scaffolder issue (#5): parsing of platform.scaffolder.
export {};
