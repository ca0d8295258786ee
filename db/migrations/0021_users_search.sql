CREATE INDEX `users_last_login_idx` ON `users` (`last_login_at`);--> statement-breakpoint
CREATE INDEX `users_plan_idx` ON `users` (`plan`,`created_at`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`,`created_at`);--> statement-breakpoint
/*
 * Hand-written (README "Admin: users"): word-prefix search over names and emails for the admin
 * user list. An external-content FTS5 index over `users` (keyed by its rowid), kept in step by
 * the triggers below. A migration that rebuilds `users` (drizzle's copy-and-rename) drops these
 * triggers and changes rowids: it must re-create them and run the 'rebuild' at the end.
 */
CREATE VIRTUAL TABLE `users_search` USING fts5(
	name,
	email,
	content='users',
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);--> statement-breakpoint
CREATE TRIGGER `users_search_after_insert` AFTER INSERT ON `users` BEGIN
	INSERT INTO users_search(rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;--> statement-breakpoint
CREATE TRIGGER `users_search_after_delete` AFTER DELETE ON `users` BEGIN
	INSERT INTO users_search(users_search, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
END;--> statement-breakpoint
CREATE TRIGGER `users_search_after_update` AFTER UPDATE OF name, email ON `users` BEGIN
	INSERT INTO users_search(users_search, rowid, name, email) VALUES ('delete', old.rowid, old.name, old.email);
	INSERT INTO users_search(rowid, name, email) VALUES (new.rowid, new.name, new.email);
END;--> statement-breakpoint
INSERT INTO users_search(users_search) VALUES ('rebuild');
