CREATE TABLE `task_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`task_id` integer NOT NULL,
	`at` text NOT NULL,
	`employee_id` integer,
	`outcome` text NOT NULL,
	`comment` text,
	`next_contact_at` text,
	FOREIGN KEY (`task_id`) REFERENCES `tasks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `task_attempts_task_idx` ON `task_attempts` (`task_id`,`at`);--> statement-breakpoint
ALTER TABLE `tasks` ADD `next_contact_at` text;