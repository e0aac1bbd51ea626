// The handler of every contract method; the type makes a missing or extra handler a compile error.
import type { MethodName } from '../../src-shared/api';
import type { HandlerMap } from './handler';
import { authHandlers } from '../features/auth/auth.handlers';
import { clientsHandlers } from '../features/clients/clients.handlers';
import { partsHandlers } from '../features/clients/parts.handlers';
import { adminHandlers } from '../features/admin/admin.handlers';
import { mailHandlers } from '../features/mail/mail.handlers';
import { tasksHandlers } from '../features/tasks/tasks.handlers';
import { attemptsHandlers } from '../features/tasks/attempts.handlers';
import { notificationsHandlers } from '../features/tasks/notifications.handlers';
import { documentsHandlers } from '../features/documents/documents.handlers';
import { edoHandlers } from '../features/edo/edo.handlers';
import { printHandlers } from '../features/print/print.handlers';
import { reportsHandlers } from '../features/reports/reports.handlers';
import { backupHandlers } from '../features/backup/backup.handlers';
import { systemsHandlers } from '../features/systems/systems.handlers';
import { dedupeHandlers } from '../features/clients/dedupe.handlers';
import { linkHandlers } from '../features/tasks/link.handlers';
import { listsHandlers } from '../features/lists/lists.handlers';
import { calendarHandlers } from '../features/calendar/calendar.handlers';
import { homeHandlers } from '../features/home/home.handlers';
import { manualTaskHandlers } from '../features/tasks/manual.handlers';
import { chatOperatorHandlers } from '../features/chat/operator.handlers';
import { importsHandlers } from '../features/imports/imports.handlers';
import { chatSessionsHandlers } from '../features/chat/sessions.handlers';
import { chatQuestionsHandlers } from '../features/chat/questions.handlers';
import { hotlineHandlers } from '../features/chat/hotline.handlers';
import { qualityHandlers } from '../features/quality/quality.handlers';
import { operatorsHandlers } from '../features/reports/operators.handlers';
import { usrHandlers } from '../features/usr/usr.handlers';
import { usrCardHandlers } from '../features/usr/card.handlers';
import { usrSettingsHandlers } from '../features/usr/settings.handlers';
import { glavbukhCardHandlers } from '../features/glavbukh/card.handlers';
import { nssHandlers } from '../features/nss/nss.handlers';
import { usrReportsHandlers } from '../features/reports/usr-reports.handlers';
import { glavbukhListHandlers } from '../features/glavbukh/list.handlers';
import { glavbukhRequestsHandlers } from '../features/glavbukh/requests.handlers';
import { nssSeminarHandlers } from '../features/nss/seminars.handlers';
import { nssCycleHandlers } from '../features/nss/cycles.handlers';
import { nssKcHandlers } from '../features/nss/kc.handlers';
import { nssCallsHandlers } from '../features/nss/calls.handlers';

export const handlers: HandlerMap<MethodName> = {
  ...authHandlers,
  ...clientsHandlers,
  ...partsHandlers,
  ...adminHandlers,
  ...mailHandlers,
  ...tasksHandlers,
  ...attemptsHandlers,
  ...notificationsHandlers,
  ...documentsHandlers,
  ...edoHandlers,
  ...printHandlers,
  ...reportsHandlers,
  ...usrReportsHandlers,
  ...glavbukhRequestsHandlers,
  ...nssKcHandlers,
  ...backupHandlers,
  ...systemsHandlers,
  ...dedupeHandlers,
  ...linkHandlers,
  ...listsHandlers,
  ...calendarHandlers,
  ...homeHandlers,
  ...manualTaskHandlers,
  ...chatOperatorHandlers,
  ...importsHandlers,
  ...chatSessionsHandlers,
  ...chatQuestionsHandlers,
  ...hotlineHandlers,
  ...qualityHandlers,
  ...operatorsHandlers,
  ...usrHandlers,
  ...usrCardHandlers,
  ...usrSettingsHandlers,
  ...glavbukhListHandlers,
  ...glavbukhCardHandlers,
  ...nssHandlers,
  ...nssSeminarHandlers,
  ...nssCycleHandlers,
  ...nssCallsHandlers,
};
