-- Every Stripe payment-method type is mirrored, not only cards: payment_methods gets `type`
-- and what names a bank account or Link to the person, and the card-only columns become nullable.
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt. Rows already here are all
-- cards (the parser required one), so they take type 'card'. D1 runs a migration in one
-- transaction and ignores PRAGMA foreign_keys, and defer_foreign_keys is its way to hold checks
-- until the end (nothing references payment_methods, so none should be pending anyway).
PRAGMA defer_foreign_keys = on;--> statement-breakpoint
CREATE TABLE `__new_payment_methods` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`customer_id` text NOT NULL,
	`type` text DEFAULT 'card' NOT NULL,
	`brand` text,
	`last4` text,
	`exp_month` integer,
	`exp_year` integer,
	`wallet` text,
	`bank_name` text,
	`email` text,
	`detached_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_payment_methods`("id", "user_id", "customer_id", "type", "brand", "last4", "exp_month", "exp_year", "detached_at", "created_at", "updated_at") SELECT "id", "user_id", "customer_id", 'card', "brand", "last4", "exp_month", "exp_year", "detached_at", "created_at", "updated_at" FROM `payment_methods`;--> statement-breakpoint
DROP TABLE `payment_methods`;--> statement-breakpoint
ALTER TABLE `__new_payment_methods` RENAME TO `payment_methods`;--> statement-breakpoint
CREATE INDEX `payment_methods_user_idx` ON `payment_methods` (`user_id`,`created_at`);--> statement-breakpoint
PRAGMA defer_foreign_keys = off;
