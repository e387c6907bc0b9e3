-- Owner keys the owner can tell apart and revoke (owner-keys, revoke-owner-key): an optional label
-- given to owner-key ("phone Awa"), and when each was last accepted (written at most once a minute).
ALTER TABLE owner_keys ADD COLUMN label text;
ALTER TABLE owner_keys ADD COLUMN last_used_at timestamptz;
