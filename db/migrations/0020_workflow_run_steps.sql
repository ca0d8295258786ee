CREATE TABLE `workflow_run_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`instance_id` text NOT NULL,
	`workflow` text NOT NULL,
	`step` text NOT NULL,
	`kind` text NOT NULL,
	`attempt` integer NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `workflow_run_steps_instance_idx` ON `workflow_run_steps` (`instance_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `workflow_run_steps_workflow_idx` ON `workflow_run_steps` (`workflow`,`started_at`);--> statement-breakpoint
CREATE INDEX `workflow_run_steps_started_idx` ON `workflow_run_steps` (`started_at`);