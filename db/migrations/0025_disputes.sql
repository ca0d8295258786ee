CREATE TABLE `disputes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`customer_id` text NOT NULL,
	`charge_id` text NOT NULL,
	`payment_intent_id` text,
	`invoice_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`evidence_due_by` integer,
	`last_event_created` integer NOT NULL,
	`last_event_seq` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `disputes_created_idx` ON `disputes` (`created_at`);--> statement-breakpoint
CREATE INDEX `disputes_status_idx` ON `disputes` (`status`,`evidence_due_by`);--> statement-breakpoint
CREATE INDEX `disputes_user_idx` ON `disputes` (`user_id`);