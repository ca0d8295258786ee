/**
 * A badge's tone, as the design system's Badge takes it (the same union as its BadgeTone),
 * spelled out here so the pure helpers load without JSX (unit tests, the root tsconfig).
 */
export type Tone = "neutral" | "info" | "success" | "warning" | "error";
