-- The admin app lists Stripe events by status (the failed ones waiting for an operator),
-- newest first: README "Stuck billing events".
CREATE INDEX `stripe_events_status_idx` ON `stripe_events` (`status`,`seq`);
