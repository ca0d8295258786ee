CREATE TABLE `analytics_daily` (
	`plan` text NOT NULL,
	`metric` text NOT NULL,
	`day` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`plan`, `metric`, `day`)
);
--> statement-breakpoint
CREATE INDEX `analytics_daily_day_idx` ON `analytics_daily` (`day`);--> statement-breakpoint
CREATE TABLE `analytics_events` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`day` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`user_id` text NOT NULL,
	`plan` text NOT NULL,
	`plan_from` text,
	`mrr_from_cents` integer DEFAULT 0 NOT NULL,
	`mrr_to_cents` integer DEFAULT 0 NOT NULL,
	`reason` text,
	`received_at` integer NOT NULL,
	`rolled_up_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `analytics_events_id_idx` ON `analytics_events` (`id`);--> statement-breakpoint
CREATE INDEX `analytics_events_day_idx` ON `analytics_events` (`day`,`type`,`plan`);--> statement-breakpoint
CREATE INDEX `analytics_events_pending_idx` ON `analytics_events` (`day`) WHERE rolled_up_at IS NULL;