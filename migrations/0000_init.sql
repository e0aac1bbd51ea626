CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_unique` ON `departments` (`name`);--> statement-breakpoint
CREATE TABLE `directions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directions_code_unique` ON `directions` (`code`);--> statement-breakpoint
CREATE TABLE `employee_directions` (
	`employee_id` integer NOT NULL,
	`direction_id` integer NOT NULL,
	PRIMARY KEY(`employee_id`, `direction_id`),
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`direction_id`) REFERENCES `directions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `employee_roles` (
	`employee_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`employee_id`, `role`),
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `employees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`login` text NOT NULL,
	`full_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`department_id` integer,
	`email` text,
	`phone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employees_login_unique` ON `employees` (`login`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`login` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`employee_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_employee_idx` ON `sessions` (`employee_id`);--> statement-breakpoint
CREATE TABLE `characteristic_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `characteristic_groups_name_unique` ON `characteristic_groups` (`name`);--> statement-breakpoint
CREATE TABLE `characteristics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` integer NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `characteristic_groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `characteristics_group_name_uq` ON `characteristics` (`group_id`,`name`);--> statement-breakpoint
CREATE TABLE `client_counterparties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`counterparty_id` integer NOT NULL,
	`effective_from` text NOT NULL,
	`basis` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`counterparty_id`) REFERENCES `counterparties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `client_counterparties_client_date_uq` ON `client_counterparties` (`client_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `clients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_lc` text NOT NULL,
	`short_name` text,
	`inn` text,
	`kpp` text,
	`legal_address` text,
	`actual_address` text,
	`region` text,
	`city` text,
	`status` text DEFAULT 'prospect' NOT NULL,
	`sio_id` integer,
	`pm_id` integer,
	`is_key` integer DEFAULT false NOT NULL,
	`key_responsible_id` integer,
	`comment` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`sio_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pm_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`key_responsible_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clients_inn_idx` ON `clients` (`inn`);--> statement-breakpoint
CREATE INDEX `clients_name_lc_idx` ON `clients` (`name_lc`);--> statement-breakpoint
CREATE INDEX `clients_sio_idx` ON `clients` (`sio_id`);--> statement-breakpoint
CREATE INDEX `clients_pm_idx` ON `clients` (`pm_id`);--> statement-breakpoint
CREATE INDEX `clients_key_idx` ON `clients` (`is_key`);--> statement-breakpoint
CREATE TABLE `contact_characteristics` (
	`contact_id` integer NOT NULL,
	`characteristic_id` integer NOT NULL,
	`comment` text,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`characteristic_id`) REFERENCES `characteristics`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_characteristics_uq` ON `contact_characteristics` (`contact_id`,`characteristic_id`);--> statement-breakpoint
CREATE TABLE `contact_roles` (
	`contact_id` integer NOT NULL,
	`role` text NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_roles_uq` ON `contact_roles` (`contact_id`,`role`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`full_name` text NOT NULL,
	`position` text,
	`note` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contacts_client_idx` ON `contacts` (`client_id`);--> statement-breakpoint
CREATE TABLE `counterparties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`short_name` text,
	`inn` text NOT NULL,
	`kpp` text,
	`ogrn` text,
	`legal_address` text,
	`bank_name` text,
	`bik` text,
	`corr_account` text,
	`account` text,
	`director_name` text,
	`director_position` text,
	`signer_name` text,
	`signer_basis` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `counterparties_inn_idx` ON `counterparties` (`inn`);--> statement-breakpoint
CREATE TABLE `emails` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`contact_id` integer,
	`email` text NOT NULL,
	`note` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `emails_client_idx` ON `emails` (`client_id`);--> statement-breakpoint
CREATE INDEX `emails_contact_idx` ON `emails` (`contact_id`);--> statement-breakpoint
CREATE INDEX `emails_email_idx` ON `emails` (`email`);--> statement-breakpoint
CREATE TABLE `phones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`contact_id` integer,
	`raw` text NOT NULL,
	`digits` text NOT NULL,
	`note` text,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `phones_client_idx` ON `phones` (`client_id`);--> statement-breakpoint
CREATE INDEX `phones_contact_idx` ON `phones` (`contact_id`);--> statement-breakpoint
CREATE INDEX `phones_digits_idx` ON `phones` (`digits`);--> statement-breakpoint
CREATE TABLE `distribution_schemes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`distribution_id` integer NOT NULL,
	`scheme` text NOT NULL,
	`effective_from` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `distribution_schemes_uq` ON `distribution_schemes` (`distribution_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `distributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`system_code` text NOT NULL,
	`distr_number` integer NOT NULL,
	`comp` integer DEFAULT 1 NOT NULL,
	`network_type` text DEFAULT 'local' NOT NULL,
	`state` text DEFAULT 'active' NOT NULL,
	`chat_enabled` integer DEFAULT false NOT NULL,
	`address` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `distributions_code_uq` ON `distributions` (`system_code`,`distr_number`,`comp`);--> statement-breakpoint
CREATE INDEX `distributions_number_idx` ON `distributions` (`distr_number`);--> statement-breakpoint
CREATE INDEX `distributions_client_idx` ON `distributions` (`client_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`employee_id` integer,
	`entity` text NOT NULL,
	`entity_id` integer,
	`action` text NOT NULL,
	`changes` text,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `client_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`data` text,
	`author_id` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `client_events_client_idx` ON `client_events` (`client_id`,`at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `client_readiness` (
	`client_id` integer NOT NULL,
	`stage_id` integer NOT NULL,
	`ready_until` text,
	PRIMARY KEY(`client_id`, `stage_id`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`stage_id`) REFERENCES `readiness_stages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `client_readiness_values` (
	`client_id` integer NOT NULL,
	`field_code` text NOT NULL,
	`value` text NOT NULL,
	`confirmed_at` text NOT NULL,
	`confirmed_by` integer,
	PRIMARY KEY(`client_id`, `field_code`),
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_code`) REFERENCES `readiness_fields`(`code`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `readiness_fields` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `readiness_stage_fields` (
	`stage_id` integer NOT NULL,
	`field_code` text NOT NULL,
	PRIMARY KEY(`stage_id`, `field_code`),
	FOREIGN KEY (`stage_id`) REFERENCES `readiness_stages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`field_code`) REFERENCES `readiness_fields`(`code`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `readiness_stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`freshness_days` integer NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `readiness_stages_code_unique` ON `readiness_stages` (`code`);