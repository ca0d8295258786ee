CREATE TABLE `data_exports` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`state` text NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`r2_key` text,
	`size` integer,
	`error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	`expires_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `data_exports_user_created_idx` ON `data_exports` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `data_exports_state_expires_idx` ON `data_exports` (`state`,`expires_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `data_exports_one_active_idx` ON `data_exports` (`user_id`) WHERE "data_exports"."state" in ('queued', 'running');