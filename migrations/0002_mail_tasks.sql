CREATE TABLE `mail_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mailbox_id` integer,
	`folder` text,
	`uid_validity` integer,
	`uid` integer,
	`message_id` text NOT NULL,
	`received_at` text NOT NULL,
	`sent_at` text,
	`from_addr` text,
	`from_name` text,
	`subject` text,
	`raw` blob NOT NULL,
	`size` integer NOT NULL,
	`parse_status` text NOT NULL,
	`kind` text,
	`rule_id` integer,
	`request_number` text,
	`fields` text,
	`reason` text,
	`error` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_messages_message_id_uq` ON `mail_messages` (`message_id`);--> statement-breakpoint
CREATE INDEX `mail_messages_mailbox_idx` ON `mail_messages` (`mailbox_id`,`uid`);--> statement-breakpoint
CREATE TABLE `mail_queue` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`task_id` integer,
	`resolved_by` integer,
	`resolved_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `mail_messages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mail_queue_message_uq` ON `mail_queue` (`message_id`);--> statement-breakpoint
CREATE INDEX `mail_queue_status_idx` ON `mail_queue` (`status`);--> statement-breakpoint
CREATE TABLE `mail_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`subject_patterns` text NOT NULL,
	`type_patterns` text DEFAULT '[]' NOT NULL,
	`labels` text NOT NULL,
	`require_any` text DEFAULT '[]' NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`updated_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mail_sync_state` (
	`mailbox_id` integer NOT NULL,
	`folder` text NOT NULL,
	`uid_validity` integer,
	`last_uid` integer DEFAULT 0 NOT NULL,
	`connected` integer DEFAULT false NOT NULL,
	`last_message_at` text,
	`last_check_at` text,
	`lag_ms` integer,
	`pending` integer DEFAULT 0 NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`unrecognised` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` text,
	PRIMARY KEY(`mailbox_id`, `folder`),
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mailbox_locks` (
	`mailbox_id` integer PRIMARY KEY NOT NULL,
	`owner_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`acquired_at` text NOT NULL,
	FOREIGN KEY (`mailbox_id`) REFERENCES `mailboxes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `mailboxes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`tls` integer DEFAULT true NOT NULL,
	`user` text NOT NULL,
	`password_enc` text NOT NULL,
	`folder` text DEFAULT 'INBOX' NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`employee_id` integer NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`task_id` integer,
	`data` text,
	`read` integer DEFAULT false NOT NULL,
	`mailed_at` text,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_employee_idx` ON `notifications` (`employee_id`,`read`);--> statement-breakpoint
CREATE TABLE `task_kinds` (
	`kind` text PRIMARY KEY NOT NULL,
	`direction_id` integer NOT NULL,
	`deadline_minutes` integer NOT NULL,
	FOREIGN KEY (`direction_id`) REFERENCES `directions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `task_round_robin` (
	`direction_id` integer PRIMARY KEY NOT NULL,
	`last_employee_id` integer NOT NULL,
	FOREIGN KEY (`direction_id`) REFERENCES `directions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`direction_id` integer NOT NULL,
	`client_id` integer,
	`assignee_id` integer,
	`assigned_by` text DEFAULT 'none' NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`request_number` text,
	`message_id` integer,
	`fields` text DEFAULT '{}' NOT NULL,
	`client_created` integer DEFAULT false NOT NULL,
	`matched_by` text,
	`created_at` text NOT NULL,
	`deadline` text NOT NULL,
	`taken_at` text,
	`closed_at` text,
	`result` text,
	`comment` text,
	`created_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`direction_id`) REFERENCES `directions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`assignee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`message_id`) REFERENCES `mail_messages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tasks_kind_request_uq` ON `tasks` (`kind`,`request_number`);--> statement-breakpoint
CREATE INDEX `tasks_assignee_idx` ON `tasks` (`assignee_id`,`status`);--> statement-breakpoint
CREATE INDEX `tasks_direction_idx` ON `tasks` (`direction_id`,`status`);--> statement-breakpoint
CREATE INDEX `tasks_client_idx` ON `tasks` (`client_id`);--> statement-breakpoint
CREATE INDEX `tasks_message_idx` ON `tasks` (`message_id`);