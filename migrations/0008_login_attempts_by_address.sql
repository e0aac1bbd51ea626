PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_login_attempts` (
	`login` text NOT NULL,
	`address` text NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` text NOT NULL,
	`audited_at` text,
	PRIMARY KEY(`login`, `address`)
);
--> statement-breakpoint
-- Old counts were per login only and are short-lived: they are not carried over.
DROP TABLE `login_attempts`;--> statement-breakpoint
ALTER TABLE `__new_login_attempts` RENAME TO `login_attempts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `login_attempts_last_idx` ON `login_attempts` (`last_failure_at`);