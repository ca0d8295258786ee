CREATE TABLE `appeals` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`case_id` text,
	`decided_by` text,
	`message` text NOT NULL,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`reviewer_id` text,
	`review_note` text,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appeals_subject_idx` ON `appeals` (`subject_kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `appeals_queue_idx` ON `appeals` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `appeals_user_idx` ON `appeals` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `ip_bans` (
	`id` text PRIMARY KEY NOT NULL,
	`range` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`user_id` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`lifted_at` integer,
	`lifted_by` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ip_bans_range_idx` ON `ip_bans` (`range`);--> statement-breakpoint
CREATE INDEX `ip_bans_created_idx` ON `ip_bans` (`created_at`);--> statement-breakpoint
ALTER TABLE `payment_methods` ADD `fingerprint` text;--> statement-breakpoint
CREATE INDEX `payment_methods_fingerprint_idx` ON `payment_methods` (`fingerprint`);--> statement-breakpoint
ALTER TABLE `escalation_requests` ADD `appeal_id` text;--> statement-breakpoint
ALTER TABLE `refresh_tokens` ADD `device_id` text;--> statement-breakpoint
CREATE INDEX `refresh_tokens_device_idx` ON `refresh_tokens` (`device_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `signup_ip` text;--> statement-breakpoint
CREATE INDEX `users_signup_ip_idx` ON `users` (`signup_ip`,`created_at`);