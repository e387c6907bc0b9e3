-- The amount of a sale line before discounts, as charged (a scale price label's amount is not quantity x unit
-- price), and on a return line the part of the sold amount that comes back. NULL on older lines.
ALTER TABLE `sale_lines` ADD `gross_minor` integer;