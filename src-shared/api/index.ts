// The whole contract: every API method, declared once.
import type { z } from 'zod';
import { authApi } from './auth';
import { clientsApi } from './clients';
import { adminApi } from './admin';
import { mailApi } from './mail';
import { tasksApi } from './tasks';
import { documentsApi } from './documents';
import { backupApi } from './backup';
import { systemsApi } from './systems';
import { listsApi } from './lists';
import { calendarApi } from './calendar';
import { homeApi } from './home';
import { chatOperatorApi } from './chat-operator';
import { importsApi } from './imports';
import { chatSessionsApi } from './chat-sessions';
import { chatQuestionsApi } from './chat-questions';
import { hotlineApi } from './hotline';
import { qualityApi } from './quality';
import { usrApi } from './usr';
import { usrCardApi } from './usr-card';
import { usrReportsApi } from './usr-reports';
import { glavbukhListApi } from './glavbukh-list';
import { glavbukhRequestsApi } from './glavbukh-requests';
import { glavbukhCardApi } from './glavbukh-card';
import { nssApi } from './nss';
import { nssServiceApi } from './nss-service';
import { nssKcApi } from './nss-kc';
import { nssCallsApi } from './nss-calls';
import { edoApi } from './edo';
import type { MethodDef } from './define';

export const api = { ...authApi, ...clientsApi, ...adminApi, ...mailApi, ...tasksApi, ...documentsApi, ...backupApi, ...systemsApi, ...listsApi, ...calendarApi, ...homeApi, ...chatOperatorApi, ...importsApi, ...chatSessionsApi, ...chatQuestionsApi, ...hotlineApi, ...qualityApi, ...usrApi, ...usrCardApi, ...usrReportsApi, ...glavbukhListApi, ...glavbukhRequestsApi, ...glavbukhCardApi, ...nssApi, ...nssServiceApi, ...nssKcApi, ...nssCallsApi, ...edoApi } satisfies Record<string, MethodDef>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type MethodInput<M extends MethodName> = z.input<Api[M]['input']>;
export type MethodParsed<M extends MethodName> = z.output<Api[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<Api[M]['_output'], undefined>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}
