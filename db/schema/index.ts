export * from "./audit";
export * from "./backups";
export * from "./email";
export * from "./jobs";
export * from "./sessions";
export * from "./system";
export * from "./users";
export * from "./workflows";
