CREATE TABLE `nss_period_clients` (
	`period_id` integer NOT NULL,
	`client_id` integer NOT NULL,
	`months` integer NOT NULL,
	`contacts` integer NOT NULL,
	`gl_calls` integer NOT NULL,
	`gl_sec` integer NOT NULL,
	`lk` integer NOT NULL,
	`chats` integer NOT NULL,
	`pm_contacts` integer NOT NULL,
	`sio_visits` integer NOT NULL,
	`seminars` integer NOT NULL,
	`other_contacts` integer NOT NULL,
	`below_plan` integer NOT NULL,
	`nss_kits` integer NOT NULL,
	`first_month` text NOT NULL,
	`last_contact_on` text,
	`last_before_on` text,
	`inner_gap` integer NOT NULL,
	PRIMARY KEY(`period_id`, `client_id`),
	FOREIGN KEY (`period_id`) REFERENCES `nss_periods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `nss_period_clients_client_idx` ON `nss_period_clients` (`client_id`);--> statement-breakpoint
CREATE TABLE `nss_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`from_month` text NOT NULL,
	`to_month` text NOT NULL,
	`plan` integer NOT NULL,
	`state` text NOT NULL,
	`created_at` text NOT NULL,
	`used_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `nss_periods_key_idx` ON `nss_periods` (`from_month`,`to_month`,`plan`);