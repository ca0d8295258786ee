-- Hand-written: the strike thresholds become the first version of live configuration's
-- `moderation` section (README "Live configuration"), with the report thresholds the code had
-- (core/config/moderation.ts), dated and signed as their newest row was; then the table goes.
INSERT INTO `config_versions` (`section`, `version`, `value_json`, `created_by`, `created_at`, `reason`, `rolled_back_from`)
SELECT 'moderation', 1,
	json_object(
		'reports', json_object('openCase', 20, 'withhold', 60),
		'strikes', json_object('thresholds', json((
			SELECT json_group_array(json_object('strikes', `strikes`, 'action', `action`, 'hours', `hours`))
			FROM (SELECT * FROM `strike_thresholds` ORDER BY `strikes`)
		)))
	),
	(SELECT `updated_by` FROM `strike_thresholds` ORDER BY `updated_at` DESC LIMIT 1),
	max(`updated_at`),
	'Moved from the strike thresholds table into live configuration',
	NULL
FROM `strike_thresholds`
HAVING count(*) > 0;
--> statement-breakpoint
DROP TABLE `strike_thresholds`;
