CREATE TABLE `config_versions` (
	`section` text NOT NULL,
	`version` integer NOT NULL,
	`value_json` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`reason` text NOT NULL,
	`rolled_back_from` integer,
	PRIMARY KEY(`section`, `version`)
);
