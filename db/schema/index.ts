export * from "./audit";
export * from "./backups";
export * from "./email";
export * from "./jobs";
export * from "./system";
export * from "./workflows";
