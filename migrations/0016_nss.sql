CREATE TABLE `nss_client_months` (
	`client_id` integer NOT NULL,
	`month` text NOT NULL,
	`nss_days` integer NOT NULL,
	`nss_kits` integer NOT NULL,
	`std_kits` integer NOT NULL,
	`gl_calls` integer NOT NULL,
	`gl_sec` integer NOT NULL,
	`lk` integer NOT NULL,
	`chats` integer NOT NULL,
	`pm_contacts` integer NOT NULL,
	`sio_visits` integer NOT NULL,
	`seminars` integer NOT NULL,
	`other_contacts` integer NOT NULL,
	`contacts` integer NOT NULL,
	`first_contact_on` text,
	`last_contact_on` text,
	`max_gap_days` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`client_id`, `month`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `nss_client_months_month_idx` ON `nss_client_months` (`month`,`client_id`);--> statement-breakpoint
CREATE TABLE `nss_cycle_distributions` (
	`cycle_id` integer NOT NULL,
	`distribution_id` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `distribution_id`),
	FOREIGN KEY (`cycle_id`) REFERENCES `nss_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `nss_cycle_distributions_distr_idx` ON `nss_cycle_distributions` (`distribution_id`);--> statement-breakpoint
CREATE TABLE `nss_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`renewed_by` integer,
	`renewed_on` text,
	`lapse_reason` text,
	`specification_id` integer,
	`comment` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`specification_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nss_cycles_client_idx` ON `nss_cycles` (`client_id`,`ends_on`);--> statement-breakpoint
CREATE INDEX `nss_cycles_ends_idx` ON `nss_cycles` (`ends_on`,`state`);--> statement-breakpoint
CREATE TABLE `nss_kc_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`month` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`content` blob NOT NULL,
	`sha256` text NOT NULL,
	`rows` text NOT NULL,
	`totals` text NOT NULL,
	`diff` text NOT NULL,
	`row_count` integer NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nss_kc_reports_month_idx` ON `nss_kc_reports` (`month`,`created_at`);--> statement-breakpoint
CREATE TABLE `nss_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`client_id` integer NOT NULL,
	`distribution_id` integer,
	`contact_id` integer,
	`employee_id` integer,
	`at` text NOT NULL,
	`on_date` text NOT NULL,
	`duration_sec` integer,
	`count` integer DEFAULT 1 NOT NULL,
	`comment` text,
	`usr_update` text,
	`source` text NOT NULL,
	`source_file_id` integer,
	`phone` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`source_file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nss_records_client_idx` ON `nss_records` (`client_id`,`on_date`);--> statement-breakpoint
CREATE INDEX `nss_records_employee_idx` ON `nss_records` (`employee_id`,`on_date`);--> statement-breakpoint
CREATE INDEX `nss_records_kind_idx` ON `nss_records` (`kind`,`on_date`);--> statement-breakpoint
CREATE INDEX `nss_records_file_idx` ON `nss_records` (`source_file_id`);--> statement-breakpoint
CREATE TABLE `nss_seminar_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`seminar_id` integer NOT NULL,
	`client_id` integer NOT NULL,
	`contact_id` integer,
	`fio` text NOT NULL,
	`registered_at` text NOT NULL,
	`attended` integer DEFAULT false NOT NULL,
	`registered_by` integer,
	FOREIGN KEY (`seminar_id`) REFERENCES `nss_seminars`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`registered_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nss_seminar_people_uq` ON `nss_seminar_people` (`seminar_id`,`client_id`,`fio`);--> statement-breakpoint
CREATE INDEX `nss_seminar_people_client_idx` ON `nss_seminar_people` (`client_id`);--> statement-breakpoint
CREATE INDEX `nss_seminar_people_contact_idx` ON `nss_seminar_people` (`contact_id`);--> statement-breakpoint
CREATE TABLE `nss_seminars` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`starts_at` text NOT NULL,
	`on_date` text NOT NULL,
	`format` text NOT NULL,
	`capacity` integer,
	`place` text,
	`note` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `nss_seminars_date_idx` ON `nss_seminars` (`on_date`);