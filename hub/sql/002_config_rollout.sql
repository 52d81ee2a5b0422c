-- Configuration rollout per machine: besides the version it applied (machines.config_version), the last version it
-- tried and refused, with the kiosk's typed error code, the field and its message, so the console can show each
-- machine as applied, pending or failed.
ALTER TABLE machines
  ADD COLUMN config_failed_version bigint NOT NULL DEFAULT 0,
  ADD COLUMN config_error text NOT NULL DEFAULT '' CHECK (length(config_error) <= 64),
  ADD COLUMN config_error_field text NOT NULL DEFAULT '' CHECK (length(config_error_field) <= 200),
  ADD COLUMN config_error_message text NOT NULL DEFAULT '' CHECK (length(config_error_message) <= 1000),
  ADD COLUMN config_acked_at timestamptz;
