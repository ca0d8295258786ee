ALTER TABLE `resume_versions` ADD `name` text;--> statement-breakpoint
ALTER TABLE `resume_versions` ADD `pinned` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `resume_versions` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `resume_versions` SET `updated_at` = `created_at`;
