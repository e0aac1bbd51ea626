-- Search that finds what people type: ё = е, names sorted without their legal form, contacts by ФИО, phone fragments,
-- two-letter word prefixes. `crm_fold` / `crm_sort_key` are SQL functions every connection registers (src-main/db/functions.ts).
UPDATE `clients` SET `name_lc` = crm_sort_key(`name`);
--> statement-breakpoint
DROP TABLE `client_search`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `client_search` USING fts5(name, inn, emails, city, tokenize = 'trigram');
--> statement-breakpoint
CREATE VIRTUAL TABLE `client_words` USING fts5(words, tokenize = 'unicode61', prefix = '1 2', detail = 'none');
--> statement-breakpoint
INSERT INTO `client_search` (rowid, name, inn, emails, city)
  SELECT c.id, crm_words(c.name || coalesce(' ' || c.short_name, '')), coalesce(c.inn, ''), crm_fold(coalesce(e.m, '')), crm_fold(coalesce(c.city, ''))
  FROM `clients` c LEFT JOIN (SELECT client_id, group_concat(email, ' ') AS m FROM `emails` GROUP BY client_id) e ON e.client_id = c.id;
--> statement-breakpoint
INSERT INTO `client_words` (rowid, words) SELECT rowid, name FROM `client_search`;
--> statement-breakpoint
-- Contacts by the start of the words of their ФИО (a surname, a first name, an initial), and phones by any fragment of
-- their digits: kept by triggers, in plain SQL (ё folded with replace) so a connection without the app's functions can
-- still write these tables. Surnames repeat across thousands of contacts, so contacts are words, not trigrams.
CREATE VIRTUAL TABLE `contact_search` USING fts5(full_name, tokenize = 'unicode61', prefix = '1 2');
--> statement-breakpoint
INSERT INTO `contact_search` (rowid, full_name) SELECT id, replace(replace(full_name, 'ё', 'е'), 'Ё', 'Е') FROM `contacts`;
--> statement-breakpoint
CREATE TRIGGER `contacts_search_ai` AFTER INSERT ON `contacts` BEGIN
  INSERT INTO `contact_search` (rowid, full_name) VALUES (new.id, replace(replace(new.full_name, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_search_au` AFTER UPDATE OF `full_name` ON `contacts` BEGIN
  DELETE FROM `contact_search` WHERE rowid = old.id;
  INSERT INTO `contact_search` (rowid, full_name) VALUES (new.id, replace(replace(new.full_name, 'ё', 'е'), 'Ё', 'Е'));
END;
--> statement-breakpoint
CREATE TRIGGER `contacts_search_ad` AFTER DELETE ON `contacts` BEGIN
  DELETE FROM `contact_search` WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE VIRTUAL TABLE `phone_search` USING fts5(digits, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `phone_search` (rowid, digits) SELECT id, digits FROM `phones`;
--> statement-breakpoint
CREATE TRIGGER `phones_search_ai` AFTER INSERT ON `phones` BEGIN
  INSERT INTO `phone_search` (rowid, digits) VALUES (new.id, new.digits);
END;
--> statement-breakpoint
CREATE TRIGGER `phones_search_au` AFTER UPDATE OF `digits` ON `phones` BEGIN
  DELETE FROM `phone_search` WHERE rowid = old.id;
  INSERT INTO `phone_search` (rowid, digits) VALUES (new.id, new.digits);
END;
--> statement-breakpoint
CREATE TRIGGER `phones_search_ad` AFTER DELETE ON `phones` BEGIN
  DELETE FROM `phone_search` WHERE rowid = old.id;
END;
