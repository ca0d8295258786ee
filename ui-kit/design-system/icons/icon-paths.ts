/**
 * Stroke icons on a 24×24 grid, each a list of SVG path strings (circles and rectangles
 * are written as paths so one renderer draws everything). Several follow the geometry of
 * Feather Icons (MIT License, © 2013-2017 Cole Bemis).
 */
const circle = (cx: number, cy: number, r: number) =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

const roundedRect = (x: number, y: number, w: number, h: number, r = 2) =>
  `M${x + r} ${y}h${w - 2 * r}a${r} ${r} 0 0 1 ${r} ${r}v${h - 2 * r}a${r} ${r} 0 0 1 ${-r} ${r}` +
  `h${-(w - 2 * r)}a${r} ${r} 0 0 1 ${-r} ${-r}v${-(h - 2 * r)}a${r} ${r} 0 0 1 ${r} ${-r}z`;

export const ICON_PATHS = {
  sun: [
    circle(12, 12, 4),
    "M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M6.34 17.66l-1.41 1.41M19.07 4.93l-1.41 1.41",
  ],
  moon: ["M21 12.79A9 9 0 1 1 11.21 3 7 7 0 0 0 21 12.79z"],
  monitor: [roundedRect(2, 3, 20, 14), "M8 21h8M12 17v4"],
  menu: ["M4 6h16M4 12h16M4 18h16"],
  close: ["M18 6 6 18M6 6l12 12"],
  check: ["M20 6 9 17l-5-5"],
  "chevron-down": ["m6 9 6 6 6-6"],
  "chevron-left": ["m15 18-6-6 6-6"],
  "chevron-right": ["m9 18 6-6-6-6"],
  info: [circle(12, 12, 10), "M12 16v-4M12 8h.01"],
  "check-circle": [circle(12, 12, 10), "m8 12 3 3 5-6"],
  "alert-triangle": [
    "M10.29 3.86 1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3L13.71 3.86a2 2 0 0 0-3.42 0z",
    "M12 9v4M12 17h.01",
  ],
  "x-circle": [circle(12, 12, 10), "m15 9-6 6M9 9l6 6"],
  refresh: ["M21 12a9 9 0 1 1-3-6.7L21 8", "M21 3v5h-5"],
  database: [
    "M3 5a9 3 0 1 0 18 0a9 3 0 1 0-18 0",
    "M3 5v14c0 1.66 4 3 9 3s9-1.34 9-3V5",
    "M3 12c0 1.66 4 3 9 3s9-1.34 9-3",
  ],
  activity: ["M22 12h-4l-3 9L9 3l-3 9H2"],
  "file-text": [
    "M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z",
    "M14 2v6h6M16 13H8M16 17H8M10 9H8",
  ],
  sparkles: [
    "M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z",
    "M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z",
  ],
  users: [
    "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2",
    circle(9, 7, 4),
    "M22 21v-2a4 4 0 0 0-3-3.87M16 3.13a4 4 0 0 1 0 7.75",
  ],
  link: [
    "M10 13a5 5 0 0 0 7.54.54l3-3a5 5 0 0 0-7.07-7.07l-1.72 1.71",
    "M14 11a5 5 0 0 0-7.54-.54l-3 3a5 5 0 0 0 7.07 7.07l1.71-1.71",
  ],
  history: ["M3 12a9 9 0 1 0 3-6.7L3 8", "M3 3v5h5M12 7v5l4 2"],
  download: ["M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4", "M7 10l5 5 5-5M12 15V3"],
  "credit-card": [
    "M3 5h18a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
    "M1 10h22",
  ],
  shield: ["M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"],
  smartphone: [roundedRect(5, 2, 14, 20), "M12 18h.01"],
  layout: [roundedRect(3, 3, 18, 18), "M3 9h18M9 21V9"],
  "log-out": ["M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4", "M16 17l5-5-5-5M21 12H9"],
  play: ["M6 4l14 8-14 8z"],
  upload: ["M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4", "M17 8l-5-5-5 5M12 3v12"],
  user: ["M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2", circle(12, 7, 4)],
  mail: [roundedRect(2, 4, 20, 16), "m22 7-10 6L2 7"],
  lock: [roundedRect(3, 11, 18, 11), "M7 11V7a5 5 0 0 1 10 0v4"],
  "log-in": ["M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4", "M10 17l5-5-5-5M15 12H3"],
  "user-plus": ["M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2", circle(9, 7, 4), "M19 8v6M22 11h-6"],
} satisfies Record<string, string[]>;

export type IconName = keyof typeof ICON_PATHS;
