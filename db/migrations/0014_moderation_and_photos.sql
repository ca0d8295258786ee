-- Content moderation (README "Content moderation"): cases, decisions, admin rules, reports,
-- strikes, and what each public link publishes. Uploaded photos (avatar, resume photo) stored in
-- R2 `FILES`: one row per object, served only while its row exists; README "Photos" gives the
-- write and delete order.
CREATE TABLE `media` (
	`key` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`resume_id` text,
	`sha256` text NOT NULL,
	`content_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resume_id`) REFERENCES `resumes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `media_slot_idx` ON `media` (`user_id`,`kind`,`resume_id`);--> statement-breakpoint
CREATE TABLE `moderation_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_kind` text NOT NULL,
	`subject_id` text NOT NULL,
	`user_id` text NOT NULL,
	`resume_id` text,
	`content_hash` text NOT NULL,
	`source` text NOT NULL,
	`status` text NOT NULL,
	`outcome` text,
	`category` text,
	`confidence` integer,
	`priority` text,
	`sla_due_at` integer,
	`report_weight` integer DEFAULT 0 NOT NULL,
	`snapshot_key` text,
	`workflow_instance_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`decided_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `moderation_cases_queue_idx` ON `moderation_cases` (`status`,`sla_due_at`);--> statement-breakpoint
CREATE INDEX `moderation_cases_subject_idx` ON `moderation_cases` (`subject_kind`,`subject_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `moderation_cases_user_idx` ON `moderation_cases` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `moderation_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`layer` text NOT NULL,
	`outcome` text NOT NULL,
	`category` text,
	`confidence` integer,
	`rule` text,
	`model` text,
	`actor_id` text,
	`verdict` text,
	`reason` text,
	`signals_json` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `moderation_cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `moderation_decisions_case_idx` ON `moderation_decisions` (`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `moderation_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`resume_id` text NOT NULL,
	`case_id` text,
	`category` text NOT NULL,
	`message` text,
	`reporter_key` text NOT NULL,
	`reporter_user_id` text,
	`weight` integer NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `moderation_reports_open_idx` ON `moderation_reports` (`resume_id`,`reporter_key`) WHERE "moderation_reports"."status" = 'open';--> statement-breakpoint
CREATE INDEX `moderation_reports_reporter_idx` ON `moderation_reports` (`reporter_key`,`created_at`);--> statement-breakpoint
CREATE TABLE `moderation_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`rule_json` text NOT NULL,
	`updated_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `strikes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`case_id` text NOT NULL,
	`category` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `strikes_case_idx` ON `strikes` (`case_id`);--> statement-breakpoint
CREATE INDEX `strikes_user_idx` ON `strikes` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `resume_shares` ADD `published_json` text;--> statement-breakpoint
ALTER TABLE `resume_shares` ADD `published_hash` text;--> statement-breakpoint
ALTER TABLE `resume_shares` ADD `published_at` integer;--> statement-breakpoint
ALTER TABLE `resume_shares` ADD `pending_hash` text;--> statement-breakpoint
ALTER TABLE `resume_shares` ADD `publication_state` text DEFAULT 'checking' NOT NULL;--> statement-breakpoint
-- Links that were public before moderation keep showing what they showed (the resume as it
-- is now); their next change is checked like any other.
UPDATE `resume_shares` SET `publication_state` = 'live', `published_json` = (SELECT `data_json` FROM `resumes` WHERE `resumes`.`id` = `resume_shares`.`resume_id`), `published_at` = `updated_at`;
