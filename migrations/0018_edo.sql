CREATE TABLE `client_edo` (
	`client_id` integer PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`operator` text,
	`edo_id` text,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`client_id`) REFERENCES `clients`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `edo_documents` (
	`document_id` integer PRIMARY KEY NOT NULL,
	`connection_id` integer,
	`ref` text NOT NULL,
	`sent_version` integer DEFAULT 0 NOT NULL,
	`sent_hash` text,
	`message_no` integer,
	`acked_at` text,
	`onec_number` text,
	`state` text DEFAULT 'queued' NOT NULL,
	`state_raw` text,
	`signed_on` text,
	`reason` text,
	`return_marked_for` text,
	`error` text,
	`error_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_at` integer DEFAULT 0 NOT NULL,
	`queued_at` text NOT NULL,
	`queued_by` integer,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `onec_connections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`queued_by`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `edo_documents_ref_uq` ON `edo_documents` (`ref`);--> statement-breakpoint
CREATE INDEX `edo_documents_conn_state_idx` ON `edo_documents` (`connection_id`,`state`,`next_at`);--> statement-breakpoint
CREATE INDEX `edo_documents_conn_msg_idx` ON `edo_documents` (`connection_id`,`message_no`);--> statement-breakpoint
CREATE TABLE `edo_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_id` integer NOT NULL,
	`at` text NOT NULL,
	`kind` text NOT NULL,
	`raw` text,
	`detail` text,
	`employee_id` integer,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `edo_events_document_idx` ON `edo_events` (`document_id`,`id`);--> statement-breakpoint
CREATE TABLE `onec_connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`send_via` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`folder` text,
	`our_code` text,
	`peer_code` text,
	`zip` integer DEFAULT false NOT NULL,
	`format_version` text DEFAULT '1.8' NOT NULL,
	`odata_url` text,
	`odata_user` text,
	`odata_password_enc` text,
	`organization_ref` text,
	`interval_sec` integer DEFAULT 60 NOT NULL,
	`resend_sec` integer DEFAULT 300 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `onec_exchange` (
	`connection_id` integer PRIMARY KEY NOT NULL,
	`sent_no` integer DEFAULT 0 NOT NULL,
	`received_no` integer DEFAULT 0 NOT NULL,
	`acked_no` integer DEFAULT 0 NOT NULL,
	`last_write_ms` integer DEFAULT 0 NOT NULL,
	`last_round_at` text,
	`last_ok_at` text,
	`last_error` text,
	`last_error_at` text,
	`refused` integer DEFAULT 0 NOT NULL,
	`owner_id` text,
	`lease_until` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `onec_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
