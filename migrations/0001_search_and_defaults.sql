-- Full-text search over clients (trigram: substrings, Cyrillic case folded) and the default reference data.
-- rowid = clients.id; rows are kept by the application in the same transaction as the client write.
CREATE VIRTUAL TABLE `client_search` USING fts5(name, inn, phones, emails, tokenize = 'trigram');
--> statement-breakpoint
INSERT INTO `directions` (`code`, `name`) VALUES
  ('sales', 'Продажи'),
  ('service', 'Сервис (СИО)'),
  ('hotline', 'Горячая линия'),
  ('legal', 'Правовой консалтинг'),
  ('chat', 'Онлайн-диалог');
--> statement-breakpoint
INSERT INTO `characteristic_groups` (`id`, `name`, `sort`) VALUES
  (1, 'Отношение к КонсультантПлюс', 1),
  (2, 'Уровень пользователя', 2),
  (3, 'Интересы', 3),
  (4, 'Предпочтительная связь', 4);
--> statement-breakpoint
INSERT INTO `characteristics` (`group_id`, `name`, `sort`) VALUES
  (1, 'Лоялен', 1), (1, 'Нейтрален', 2), (1, 'Недоволен', 3), (1, 'Рассматривает конкурентов', 4),
  (2, 'Начинающий', 1), (2, 'Уверенный', 2), (2, 'Эксперт', 3),
  (3, 'Семинары', 1), (3, 'Бухучёт и налоги', 2), (3, 'Кадры', 3), (3, 'Госзакупки', 4), (3, 'Судебная практика', 5),
  (4, 'Телефон', 1), (4, 'E-mail', 2), (4, 'Мессенджер', 3), (4, 'Личная встреча', 4);
--> statement-breakpoint
INSERT INTO `readiness_fields` (`code`, `name`, `sort`) VALUES
  ('org_name', 'Наименование организации', 1),
  ('phone', 'Актуальный телефон', 2),
  ('head_fio', 'ФИО руководителя или главного бухгалтера', 3),
  ('email', 'E-mail для связи', 4),
  ('inn', 'ИНН', 5),
  ('lpr', 'ЛПР (ФИО и должность)', 6),
  ('need', 'Потребность клиента', 7);
--> statement-breakpoint
INSERT INTO `readiness_stages` (`id`, `code`, `name`, `freshness_days`, `sort`) VALUES
  (1, 'calling', 'Обзвонка', 180, 1),
  (2, 'sale', 'Продажа', 90, 2);
--> statement-breakpoint
INSERT INTO `readiness_stage_fields` (`stage_id`, `field_code`) VALUES
  (1, 'org_name'), (1, 'phone'), (1, 'head_fio'),
  (2, 'org_name'), (2, 'phone'), (2, 'head_fio'), (2, 'inn'), (2, 'lpr'), (2, 'email');
--> statement-breakpoint
INSERT INTO `settings` (`key`, `value`) VALUES ('timezone', '"Europe/Moscow"');
