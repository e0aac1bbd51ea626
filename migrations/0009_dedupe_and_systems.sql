CREATE TABLE `client_tombstones` (
	`id` integer PRIMARY KEY NOT NULL,
	`survivor_id` integer NOT NULL,
	`name` text NOT NULL,
	`inn` text,
	`kpp` text,
	`merged_at` text NOT NULL,
	`merged_by` integer,
	`summary` text NOT NULL,
	FOREIGN KEY (`survivor_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `client_tombstones_survivor_idx` ON `client_tombstones` (`survivor_id`);--> statement-breakpoint
CREATE TABLE `kplus_systems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` integer,
	`code` text NOT NULL,
	`name` text,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kplus_systems_code_uq` ON `kplus_systems` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `kplus_systems_number_uq` ON `kplus_systems` (`number`);--> statement-breakpoint
ALTER TABLE `clients` ADD `duplicate_pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- One client per ИНН+КПП (per ИНН alone for a 12-digit ИНН: an entrepreneur has no КПП). Values are normalised first
-- (spaces, case, empty strings), so the index compares what a person would call the same requisites.
UPDATE `clients` SET
  `inn` = NULLIF(replace(trim(`inn`), ' ', ''), ''),
  `kpp` = NULLIF(upper(replace(trim(`kpp`), ' ', '')), '');
--> statement-breakpoint
-- Duplicates already in an old base must not make this migration fail, nor be merged blindly: every client that
-- repeats an older one's ИНН/КПП is flagged and left out of the index until a head merges the pair (or its ИНН/КПП
-- is corrected). The oldest of each group holds the index entry; the code refuses new duplicates either way.
UPDATE `clients` SET `duplicate_pending` = 1
WHERE `inn` IS NOT NULL AND EXISTS (
  SELECT 1 FROM `clients` o
  WHERE o.`inn` = `clients`.`inn` AND o.`id` < `clients`.`id`
    AND (CASE WHEN length(o.`inn`) = 12 THEN '' ELSE coalesce(o.`kpp`, '') END)
      = (CASE WHEN length(`clients`.`inn`) = 12 THEN '' ELSE coalesce(`clients`.`kpp`, '') END)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `clients_inn_kpp_uq` ON `clients` (`inn`, (CASE WHEN length(`inn`) = 12 THEN '' ELSE coalesce(`kpp`, '') END))
  WHERE `inn` IS NOT NULL AND `duplicate_pending` = 0;
--> statement-breakpoint
-- The catalogue starts with the systems the base already uses. Names and numbers are left for a person to fill in
-- («Настройки → Системы К+»): a wrong number would link the КЦ's files to the wrong kits, so none is guessed.
INSERT OR IGNORE INTO `kplus_systems` (`code`, `name`, `number`, `active`)
  SELECT DISTINCT upper(trim(`system_code`)), NULL, NULL, 1 FROM `distributions` ORDER BY 1;
