CREATE TABLE `custom_domains` (
	`user_id` text PRIMARY KEY NOT NULL,
	`hostname` text NOT NULL,
	`resume_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`ssl_method` text NOT NULL,
	`state` text NOT NULL,
	`hostname_status` text NOT NULL,
	`ssl_status` text NOT NULL,
	`records` text NOT NULL,
	`errors` text NOT NULL,
	`checked_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resume_id`) REFERENCES `resumes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `custom_domains_hostname_idx` ON `custom_domains` (`hostname`);--> statement-breakpoint
CREATE INDEX `custom_domains_state_idx` ON `custom_domains` (`state`);