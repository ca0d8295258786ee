-- Operator-editable defaults (admin system config). Idempotent: an operator's later edits
-- are never overwritten by re-seeding.
INSERT INTO system_config (key, value_json, description, updated_at, updated_by) VALUES
  ('feature_flags',
   '{"ai_writing_help":true,"collaboration":true,"public_sharing":true,"oauth_google":false,"oauth_github":false,"oauth_microsoft":false}',
   'Product features that can be switched off without a deploy', 0, 'seed'),
  ('rate_limits',
   '{"login_per_ip_per_minute":10,"login_failures_before_lockout":5,"lockout_window_minutes":10,"api_per_user_per_minute":120,"admin_per_minute":100}',
   'Request limits; they tighten as a user''s risk score rises', 0, 'seed'),
  ('ai',
   '{"text_model":"@cf/meta/llama-3.1-8b-instruct","moderation_model":"@cf/meta/llama-guard-3-8b","max_calls_per_day_free":10}',
   'Workers AI models and limits', 0, 'seed'),
  ('backups',
   '{"retention_days":30,"schedule":"0 * * * *"}',
   'Hourly D1 backups to R2 and how long they are kept', 0, 'seed')
ON CONFLICT (key) DO NOTHING;
