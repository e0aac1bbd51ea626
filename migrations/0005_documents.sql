CREATE TABLE `document_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`pos` integer NOT NULL,
	`name` text NOT NULL,
	`qty` real DEFAULT 1 NOT NULL,
	`unit` text,
	`price_kop` integer NOT NULL,
	`amount_kop` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `document_lines_document_idx` ON `document_lines` (`document_id`,`pos`);--> statement-breakpoint
CREATE TABLE `document_return_periods` (
	`type` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`days` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `document_series` (
	`type` text NOT NULL,
	`year` integer NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`type`, `year`)
);
--> statement-breakpoint
CREATE TABLE `document_templates` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`form` text,
	`series_year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`date` text NOT NULL,
	`client_id` integer NOT NULL,
	`counterparty_id` integer NOT NULL,
	`parent_id` integer,
	`sio_id` integer,
	`amount_kop` integer DEFAULT 0 NOT NULL,
	`vat_mode` text DEFAULT 'none' NOT NULL,
	`vat_rate` integer DEFAULT 0 NOT NULL,
	`signer_employee_id` integer,
	`signer_code` text,
	`status` text DEFAULT 'issued' NOT NULL,
	`subject` text,
	`period_from` text,
	`period_to` text,
	`agreement_kind` text,
	`new_counterparty_id` integer,
	`change_from` text,
	`planned_return` text,
	`returned_at` text,
	`returned_via` text,
	`returned_by_id` integer,
	`returned_note` text,
	`return_track` integer DEFAULT 1 NOT NULL,
	`comment` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counterparty_id`) REFERENCES `counterparties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sio_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signer_employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`new_counterparty_id`) REFERENCES `counterparties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`returned_by_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_series_uq` ON `documents` (`type`,`series_year`,`seq`);--> statement-breakpoint
CREATE INDEX `documents_date_idx` ON `documents` (`date`);--> statement-breakpoint
CREATE INDEX `documents_client_idx` ON `documents` (`client_id`,`date`);--> statement-breakpoint
CREATE INDEX `documents_type_date_idx` ON `documents` (`type`,`date`);--> statement-breakpoint
CREATE INDEX `documents_parent_idx` ON `documents` (`parent_id`);--> statement-breakpoint
CREATE INDEX `documents_return_idx` ON `documents` (`return_track`,`planned_return`);--> statement-breakpoint
CREATE INDEX `documents_return_sio_idx` ON `documents` (`sio_id`,`return_track`,`planned_return`);--> statement-breakpoint
CREATE INDEX `documents_return_client_idx` ON `documents` (`client_id`,`return_track`,`planned_return`);--> statement-breakpoint
CREATE INDEX `documents_return_type_idx` ON `documents` (`type`,`return_track`,`planned_return`);--> statement-breakpoint
CREATE TABLE `specification_distributions` (
	`specification_id` integer NOT NULL,
	`contract_id` integer NOT NULL,
	`distribution_id` integer NOT NULL,
	`pos` integer NOT NULL,
	`price_kop` integer,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`specification_id`, `distribution_id`),
	FOREIGN KEY (`specification_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contract_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `specification_distributions_active_uq` ON `specification_distributions` (`contract_id`,`distribution_id`) WHERE active = 1;--> statement-breakpoint
CREATE INDEX `specification_distributions_distribution_idx` ON `specification_distributions` (`distribution_id`);