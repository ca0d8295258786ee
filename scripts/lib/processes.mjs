import { readdirSync, readFileSync } from "node:fs";

/** `/proc/<pid>/stat` after the command name: state, ppid, pgrp, … (the name may hold spaces). */
function statOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [, ppid, pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return { ppid: Number(ppid), pgrp: Number(pgrp), cmdline };
  } catch {
    // Exited while we looked, or not Linux.
    return null;
  }
}

/**
 * The process groups of the browsers Miniflare's browser binding started inside the process
 * group `group` (wrangler and its CLI child). It spawns each one detached, in a group of its
 * own, so stopping wrangler's group leaves them (and their renderers) running.
 */
export function browserGroupsOf(group) {
  let entries = [];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const processes = entries.map((pid) => ({ pid: Number(pid), ...statOf(pid) }));
  const inGroup = new Set(processes.filter((p) => p.pgrp === group).map((p) => p.pid));
  const browsers = processes.filter((p) => inGroup.has(p.ppid) && /chrom/i.test(p.cmdline ?? ""));
  return [...new Set(browsers.map((p) => p.pgrp))].filter((pgrp) => pgrp !== group);
}

/** SIGTERM to each group, SIGKILL to any still there after `graceMs`. */
export async function stopGroups(groups, graceMs = 2000) {
  const signal = (sig) =>
    groups.filter((group) => {
      try {
        process.kill(-group, sig);
        return true;
      } catch {
        return false;
      }
    });
  if (signal("SIGTERM").length === 0) return;
  await new Promise((resolve) => setTimeout(resolve, graceMs));
  signal("SIGKILL");
}
