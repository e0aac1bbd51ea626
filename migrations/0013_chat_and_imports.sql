CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`folder` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`finished_at` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`files_total` integer DEFAULT 0 NOT NULL,
	`files_done` integer DEFAULT 0 NOT NULL,
	`options` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_batches_created_idx` ON `import_batches` (`created_at`);--> statement-breakpoint
CREATE TABLE `import_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text,
	`stored_at` text NOT NULL,
	`outcome` text,
	`outcome_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_files_sha_uq` ON `import_files` (`sha256`);--> statement-breakpoint
CREATE TABLE `import_folders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`label` text,
	`enabled` integer DEFAULT true NOT NULL,
	`employee_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_folders_path_uq` ON `import_folders` (`path`);--> statement-breakpoint
CREATE TABLE `import_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`file_id` integer,
	`parent_id` integer,
	`name` text NOT NULL,
	`kind` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`added` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`flagged` integer DEFAULT 0 NOT NULL,
	`problems` text DEFAULT '[]' NOT NULL,
	`problem_count` integer DEFAULT 0 NOT NULL,
	`started_at` text,
	`finished_at` text,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `import_results_batch_idx` ON `import_results` (`batch_id`);--> statement-breakpoint
CREATE INDEX `import_results_file_idx` ON `import_results` (`file_id`);--> statement-breakpoint
CREATE TABLE `import_stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`result_id` integer NOT NULL,
	`file_id` integer NOT NULL,
	`kind` text NOT NULL,
	`parsed` text NOT NULL,
	`decisions` text DEFAULT '{}' NOT NULL,
	`state` text DEFAULT 'staged' NOT NULL,
	`created_at` text NOT NULL,
	`decided_by` integer,
	`decided_at` text,
	FOREIGN KEY (`result_id`) REFERENCES `import_results`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_stages_result_uq` ON `import_stages` (`result_id`);--> statement-breakpoint
CREATE TABLE `chat_operators` (
	`personal` text PRIMARY KEY NOT NULL,
	`employee_id` integer,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `chat_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_number` integer NOT NULL,
	`distr_number` integer NOT NULL,
	`comp` integer DEFAULT 1 NOT NULL,
	`asked_at` text NOT NULL,
	`asked_on` text NOT NULL,
	`fio` text,
	`email` text,
	`phone` text,
	`text` text NOT NULL,
	`text_key` text NOT NULL,
	`distribution_id` integer,
	`client_id` integer,
	`contact_id` integer,
	`task_id` integer,
	`flags` text DEFAULT '[]' NOT NULL,
	`file_id` integer,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_questions_key_uq` ON `chat_questions` (`system_number`,`distr_number`,`comp`,`asked_on`,`text_key`);--> statement-breakpoint
CREATE INDEX `chat_questions_client_idx` ON `chat_questions` (`client_id`,`asked_at`);--> statement-breakpoint
CREATE INDEX `chat_questions_task_idx` ON `chat_questions` (`task_id`);--> statement-breakpoint
CREATE TABLE `chat_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`system_number` integer NOT NULL,
	`distr_number` integer NOT NULL,
	`comp` integer DEFAULT 1 NOT NULL,
	`start_at` text NOT NULL,
	`finish_at` text,
	`first_date` text,
	`duration_sec` integer,
	`distribution_id` integer,
	`client_id` integer,
	`contact_id` integer,
	`profile` text,
	`fio` text,
	`email` text,
	`phone` text,
	`text` text,
	`lgn` text,
	`personal` text,
	`employee_id` integer,
	`links` text,
	`client_rating` text,
	`flags` text DEFAULT '[]' NOT NULL,
	`file_id` integer,
	`imported_at` text NOT NULL,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`file_id`) REFERENCES `import_files`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_sessions_key_uq` ON `chat_sessions` (`system_number`,`distr_number`,`comp`,`start_at`);--> statement-breakpoint
CREATE INDEX `chat_sessions_client_idx` ON `chat_sessions` (`client_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `chat_sessions_contact_idx` ON `chat_sessions` (`contact_id`);--> statement-breakpoint
CREATE INDEX `chat_sessions_employee_idx` ON `chat_sessions` (`employee_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `chat_sessions_start_idx` ON `chat_sessions` (`start_at`);--> statement-breakpoint
CREATE INDEX `chat_sessions_distribution_idx` ON `chat_sessions` (`distribution_id`);--> statement-breakpoint
CREATE TABLE `distribution_chat` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`distribution_id` integer NOT NULL,
	`enabled` integer NOT NULL,
	`effective_from` text NOT NULL,
	`set_by` integer,
	`set_at` text NOT NULL,
	FOREIGN KEY (`distribution_id`) REFERENCES `distributions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`set_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `distribution_chat_uq` ON `distribution_chat` (`distribution_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `quality_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`scale` text NOT NULL,
	`weight` real DEFAULT 1 NOT NULL,
	`critical` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quality_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`categories` text NOT NULL,
	`ratings` text NOT NULL,
	`score` real NOT NULL,
	`comment` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `chat_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_reviews_session_uq` ON `quality_reviews` (`session_id`);--> statement-breakpoint
CREATE INDEX `quality_reviews_employee_idx` ON `quality_reviews` (`employee_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `quality_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`week` text NOT NULL,
	`employee_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `chat_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_samples_session_uq` ON `quality_samples` (`session_id`);--> statement-breakpoint
CREATE INDEX `quality_samples_week_idx` ON `quality_samples` (`week`,`employee_id`);--> statement-breakpoint
-- «Chat on» becomes a history: a distribution marked on is on since the day it was created.
INSERT INTO `distribution_chat` (`distribution_id`, `enabled`, `effective_from`, `set_at`) SELECT `id`, 1, substr(`created_at`, 1, 10), `created_at` FROM `distributions` WHERE `chat_enabled` = 1;
