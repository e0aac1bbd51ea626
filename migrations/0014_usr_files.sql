CREATE TABLE `usr_banks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`usr_file_id` integer NOT NULL,
	`usr_kit_id` integer,
	`code` text NOT NULL,
	`name` text,
	`directory` text,
	`n_distr` integer,
	`n_comp` integer,
	`n_cat` integer,
	`n_texts` integer,
	`compliance` text,
	`last_update` text,
	`last_docs` integer,
	`update_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`usr_file_id`) REFERENCES `usr_files`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`usr_kit_id`) REFERENCES `usr_kits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usr_banks_file_idx` ON `usr_banks` (`usr_file_id`);--> statement-breakpoint
CREATE INDEX `usr_banks_kit_idx` ON `usr_banks` (`usr_kit_id`,`code`);--> statement-breakpoint
CREATE TABLE `usr_file_kits` (
	`usr_file_id` integer NOT NULL,
	`usr_kit_id` integer NOT NULL,
	`element` text NOT NULL,
	`ric` integer,
	`net_count` integer,
	`user_type` text,
	`technol_type` text,
	`format` text,
	PRIMARY KEY(`usr_file_id`, `usr_kit_id`),
	FOREIGN KEY (`usr_file_id`) REFERENCES `usr_files`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`usr_kit_id`) REFERENCES `usr_kits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usr_file_kits_kit_idx` ON `usr_file_kits` (`usr_kit_id`);--> statement-breakpoint
CREATE TABLE `usr_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_system_number` integer,
	`file_at` text,
	`format_version` integer NOT NULL,
	`ric` integer,
	`res_version` text,
	`cons_exe_version` text,
	`kd_version` text,
	`complect` text,
	`os_name` text,
	`os_version` text,
	`processor` text,
	`ram_mb` integer,
	`disk_free_mb` integer,
	`office` text,
	`tech_json` text DEFAULT '{}' NOT NULL,
	`files_json` text DEFAULT '[]' NOT NULL,
	`newest_update` text,
	`status` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` integer,
	`purged_at` text,
	FOREIGN KEY (`file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`imported_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usr_files_file_uq` ON `usr_files` (`file_id`);--> statement-breakpoint
CREATE INDEX `usr_files_file_at_idx` ON `usr_files` (`file_at`);--> statement-breakpoint
CREATE INDEX `usr_files_status_idx` ON `usr_files` (`status`);--> statement-breakpoint
CREATE TABLE `usr_kit_months` (
	`usr_kit_id` integer NOT NULL,
	`month` text NOT NULL,
	`sessions` integer NOT NULL,
	`updates` integer NOT NULL,
	`last_update` text NOT NULL,
	PRIMARY KEY(`usr_kit_id`, `month`),
	FOREIGN KEY (`usr_kit_id`) REFERENCES `usr_kits`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usr_kit_months_month_idx` ON `usr_kit_months` (`month`);--> statement-breakpoint
CREATE TABLE `usr_kits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_code` text NOT NULL,
	`system_number` integer,
	`distr_number` integer NOT NULL,
	`comp` integer DEFAULT 1 NOT NULL,
	`distribution_id` integer,
	`last_update` text,
	`last_file_id` integer,
	`last_file_at` text,
	`first_seen_at` text NOT NULL,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usr_kits_key_uq` ON `usr_kits` (`system_code`,`distr_number`,`comp`);--> statement-breakpoint
CREATE INDEX `usr_kits_distribution_idx` ON `usr_kits` (`distribution_id`);--> statement-breakpoint
CREATE INDEX `usr_kits_last_update_idx` ON `usr_kits` (`last_update`);--> statement-breakpoint
CREATE TABLE `usr_updates` (
	`usr_kit_id` integer NOT NULL,
	`bank` text NOT NULL,
	`date` text NOT NULL,
	`time` text,
	`docs` integer,
	`kind` text,
	`usr_file_id` integer,
	PRIMARY KEY(`usr_kit_id`, `bank`, `date`),
	FOREIGN KEY (`usr_kit_id`) REFERENCES `usr_kits`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`usr_file_id`) REFERENCES `usr_files`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `usr_updates_date_idx` ON `usr_updates` (`date`,`usr_kit_id`);