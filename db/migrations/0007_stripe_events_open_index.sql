DROP INDEX `stripe_events_customer_idx`;--> statement-breakpoint
CREATE INDEX `stripe_events_customer_open_idx` ON `stripe_events` (`customer_id`,`status`,`created`);