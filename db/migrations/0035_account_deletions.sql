CREATE TABLE `account_deletions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`state` text NOT NULL,
	`requested_at` integer NOT NULL,
	`scheduled_for` integer NOT NULL,
	`cancelled_at` integer,
	`started_at` integer,
	`completed_at` integer,
	`error` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `account_deletions_user_idx` ON `account_deletions` (`user_id`,`requested_at`);--> statement-breakpoint
CREATE INDEX `account_deletions_state_idx` ON `account_deletions` (`state`,`scheduled_for`);--> statement-breakpoint
CREATE UNIQUE INDEX `account_deletions_one_pending_idx` ON `account_deletions` (`user_id`) WHERE "account_deletions"."state" in ('scheduled', 'deleting');