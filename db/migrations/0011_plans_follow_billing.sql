-- Until now users.plan could be written outside billing (PATCH /api/profile {plan} and
-- POST /api/auth/register {plan}), so a paid plan may be set without a subscription. Every
-- account goes back to what billing entitles it to, as syncPlan (api/services/billing/apply.ts)
-- decides it: the plan of its current subscription (the newest not ended) when trialing,
-- active or past due, else Free.
UPDATE `users` SET
	`plan` = coalesce((
		SELECT CASE WHEN `s`.`status` IN ('trialing', 'active', 'past_due') THEN `s`.`plan` ELSE 'free' END
		FROM `subscriptions` AS `s`
		WHERE `s`.`user_id` = `users`.`id`
			AND `s`.`status` IN ('trialing', 'active', 'past_due', 'unpaid', 'incomplete')
		ORDER BY `s`.`created_at` DESC
		LIMIT 1
	), 'free'),
	`updated_at` = CAST(strftime('%s', 'now') AS INTEGER) * 1000
WHERE `plan` IS NOT coalesce((
	SELECT CASE WHEN `s`.`status` IN ('trialing', 'active', 'past_due') THEN `s`.`plan` ELSE 'free' END
	FROM `subscriptions` AS `s`
	WHERE `s`.`user_id` = `users`.`id`
		AND `s`.`status` IN ('trialing', 'active', 'past_due', 'unpaid', 'incomplete')
	ORDER BY `s`.`created_at` DESC
	LIMIT 1
), 'free');
