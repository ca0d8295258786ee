CREATE TABLE `bulk_email_recipients` (
	`bulk_email_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`bulk_email_id`, `user_id`),
	FOREIGN KEY (`bulk_email_id`) REFERENCES `bulk_emails`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bulk_email_recipients_status_idx` ON `bulk_email_recipients` (`bulk_email_id`,`status`);--> statement-breakpoint
CREATE TABLE `bulk_emails` (
	`id` text PRIMARY KEY NOT NULL,
	`created_by` text NOT NULL,
	`template` text NOT NULL,
	`subject` text NOT NULL,
	`message` text NOT NULL,
	`selection_json` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`not_found` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
