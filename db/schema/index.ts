export * from "./backups";
export * from "./jobs";
export * from "./system";
export * from "./workflows";
