CREATE TABLE `analytics_revenue_daily` (
	`plan` text NOT NULL,
	`day` text NOT NULL,
	`new_cents` integer NOT NULL,
	`expansion_cents` integer NOT NULL,
	`contraction_cents` integer NOT NULL,
	`churn_cents` integer NOT NULL,
	PRIMARY KEY(`plan`, `day`)
);
--> statement-breakpoint
CREATE INDEX `analytics_revenue_daily_read_idx` ON `analytics_revenue_daily` (`plan`,`day`,`new_cents`,`expansion_cents`,`contraction_cents`,`churn_cents`);--> statement-breakpoint
CREATE INDEX `analytics_revenue_daily_day_idx` ON `analytics_revenue_daily` (`day`);--> statement-breakpoint
-- Days rolled up before this table existed: their MRR movements, pivoted from analytics_daily.
INSERT INTO `analytics_revenue_daily` (`plan`, `day`, `new_cents`, `expansion_cents`, `contraction_cents`, `churn_cents`)
SELECT `plan`, `day`,
  coalesce(sum(CASE `metric` WHEN 'mrr_new' THEN `value` END), 0),
  coalesce(sum(CASE `metric` WHEN 'mrr_expansion' THEN `value` END), 0),
  coalesce(sum(CASE `metric` WHEN 'mrr_contraction' THEN `value` END), 0),
  coalesce(sum(CASE `metric` WHEN 'mrr_churn' THEN `value` END), 0)
FROM `analytics_daily`
WHERE `metric` IN ('mrr_new', 'mrr_expansion', 'mrr_contraction', 'mrr_churn')
GROUP BY `plan`, `day`;
