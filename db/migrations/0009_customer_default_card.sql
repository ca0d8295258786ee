ALTER TABLE `billing_customers` ADD `default_payment_method_id` text;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `last_event_created` integer;--> statement-breakpoint
ALTER TABLE `billing_customers` ADD `last_event_seq` integer;