-- The shop file that pushes under each token (its shop tag, kept by its backups). A second PC given
-- the same token by mistake is refused instead of wiping the first shop's copy; new-key clears it, so
-- a PC that replaces the shop's old one can take over.
ALTER TABLE shops ADD COLUMN file_tag text;
