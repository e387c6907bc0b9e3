-- The owner's page reads a shop's till voids and cash counts from the journal on every visit; a shop
-- journals every sale too, so without this it would read all of a shop's events each time.
CREATE INDEX events_shop_entity_action_at ON events (shop_id, entity, action, at);
