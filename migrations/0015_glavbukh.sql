CREATE TABLE `gb_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_id` integer NOT NULL,
	`contact_id` integer,
	`programme` text NOT NULL,
	`number` text,
	`number_norm` text,
	`issued_on` text,
	`valid_until` text,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`source_file_id` integer,
	`request_id` integer,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`source_file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `gb_requests`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gb_certificates_number_uq` ON `gb_certificates` (`programme`,`number_norm`) WHERE number_norm IS NOT NULL;--> statement-breakpoint
CREATE INDEX `gb_certificates_client_idx` ON `gb_certificates` (`client_id`,`programme`);--> statement-breakpoint
CREATE INDEX `gb_certificates_valid_idx` ON `gb_certificates` (`valid_until`);--> statement-breakpoint
CREATE INDEX `gb_certificates_request_idx` ON `gb_certificates` (`request_id`);--> statement-breakpoint
CREATE TABLE `gb_layouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`signature` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gb_layouts_signature_unique` ON `gb_layouts` (`signature`);--> statement-breakpoint
CREATE TABLE `gb_request_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`client_id` integer,
	`contact_id` integer,
	`row` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `gb_requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `gb_request_items_request_idx` ON `gb_request_items` (`request_id`);--> statement-breakpoint
CREATE INDEX `gb_request_items_client_idx` ON `gb_request_items` (`client_id`);--> statement-breakpoint
CREATE TABLE `gb_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`programme` text NOT NULL,
	`created_by` integer,
	`created_at` text NOT NULL,
	`client_count` integer NOT NULL,
	`format` text NOT NULL,
	`file_name` text NOT NULL,
	`content` blob NOT NULL,
	`sha256` text NOT NULL,
	`selection` text,
	`note` text,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `gb_requests_created_idx` ON `gb_requests` (`created_at`);