CREATE TABLE `account_sanctions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`cause_key` text NOT NULL,
	`strike_count` integer,
	`note` text,
	`created_by` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`previous_status` text NOT NULL,
	`lifted_at` integer,
	`lifted_by` text,
	`lift_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_sanctions_cause_idx` ON `account_sanctions` (`cause_key`);--> statement-breakpoint
CREATE INDEX `account_sanctions_user_idx` ON `account_sanctions` (`user_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `ban_escalations` (
	`user_id` text PRIMARY KEY NOT NULL,
	`instance_id` text NOT NULL,
	`ended_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `escalation_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`strike_id` text,
	`days` integer,
	`reason` text,
	`note` text,
	`actor` text NOT NULL,
	`created_at` integer NOT NULL,
	`processed_at` integer,
	`result` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `escalation_requests_user_idx` ON `escalation_requests` (`user_id`,`processed_at`,`created_at`);