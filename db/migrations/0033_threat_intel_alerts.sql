CREATE TABLE `security_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`reasons_json` text NOT NULL,
	`state` text NOT NULL,
	`dedupe_key` text,
	`count` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`acknowledge_note` text,
	`resolved_by` text,
	`resolved_at` integer,
	`resolve_note` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `security_alerts_open_idx` ON `security_alerts` (`dedupe_key`) WHERE "security_alerts"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX `security_alerts_state_idx` ON `security_alerts` (`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `security_alerts_user_idx` ON `security_alerts` (`user_id`);--> statement-breakpoint
CREATE TABLE `threat_intel_entries` (
	`key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`severity` text NOT NULL,
	`source` text NOT NULL,
	`reason` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `threat_intel_entries_expires_idx` ON `threat_intel_entries` (`expires_at`);--> statement-breakpoint
CREATE INDEX `threat_intel_entries_updated_idx` ON `threat_intel_entries` (`updated_at`);--> statement-breakpoint
CREATE TABLE `threat_intel_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`object_key` text NOT NULL,
	`etag` text NOT NULL,
	`imported_at` integer NOT NULL,
	`upserted` integer NOT NULL,
	`rejected` integer NOT NULL
);
