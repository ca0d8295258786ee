-- Strikes carry what the escalation rules and the admin need (README "Content moderation:
-- strikes"): severity, source (automatic, moderator, admin), reason, who confirmed it, and when
-- it expired. `case_id` becomes nullable (an admin's manual strike has no case) and stays
-- unique when present (SQLite's unique index allows many NULLs). SQLite cannot drop NOT NULL in
-- place, so the table is rebuilt. Strikes already here were all recorded by a moderator's
-- rejection, so they take source 'moderator' and severity 'major' (their actor was not kept).
-- D1 runs a migration in one transaction and ignores PRAGMA foreign_keys; defer_foreign_keys
-- holds checks until the end (nothing references strikes).
CREATE TABLE `strike_thresholds` (
	`strikes` integer PRIMARY KEY NOT NULL,
	`action` text NOT NULL,
	`hours` integer,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
-- The defaults: 3 active strikes → 24-hour suspension, 5 → 7 days, 10 → permanent ban
-- (core/moderation/strikes.ts DEFAULT_STRIKE_THRESHOLDS), dated when the migration ran.
INSERT INTO `strike_thresholds` (`strikes`, `action`, `hours`, `updated_at`, `updated_by`) VALUES
	(3, 'suspend', 24, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'system'),
	(5, 'suspend', 168, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'system'),
	(10, 'ban', NULL, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'system');
--> statement-breakpoint
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_strikes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`case_id` text,
	`category` text NOT NULL,
	`severity` text NOT NULL,
	`source` text NOT NULL,
	`reason` text,
	`actor` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`expired_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_strikes`("id", "user_id", "case_id", "category", "severity", "source", "reason", "actor", "created_at", "revoked_at", "expired_at") SELECT "id", "user_id", "case_id", "category", 'major', 'moderator', NULL, NULL, "created_at", "revoked_at", NULL FROM `strikes`;--> statement-breakpoint
DROP TABLE `strikes`;--> statement-breakpoint
ALTER TABLE `__new_strikes` RENAME TO `strikes`;--> statement-breakpoint
CREATE UNIQUE INDEX `strikes_case_idx` ON `strikes` (`case_id`);--> statement-breakpoint
CREATE INDEX `strikes_user_idx` ON `strikes` (`user_id`,`created_at`);--> statement-breakpoint
PRAGMA defer_foreign_keys = off;
