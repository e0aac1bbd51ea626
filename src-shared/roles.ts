// Employee roles: the codes every API method's access list is written in.
export const ROLES = ['admin', 'head', 'sales', 'sio', 'pm', 'chat', 'caller'] as const;
export type Role = (typeof ROLES)[number];

/** Russian names shown in the UI; codes are what the CLI and the API use. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Администратор',
  head: 'Руководитель',
  sales: 'Менеджер по продажам',
  sio: 'СИО',
  pm: 'Персональный менеджер',
  chat: 'Оператор чата',
  caller: 'Обзвонка',
};

/** Every signed-in employee. */
export const ANY_STAFF: readonly Role[] = ROLES;
/** Those who edit client data in daily work. */
export const CLIENT_EDITORS: readonly Role[] = ['admin', 'head', 'sales', 'sio', 'pm', 'caller'];
export const MANAGERS: readonly Role[] = ['admin', 'head'];
export const ADMINS: readonly Role[] = ['admin'];
/** Who may review and apply an imported ГЛ call list (НСС work: the heads, СИО and personal managers). */
export const NSS_CALL_IMPORTERS: readonly Role[] = [...MANAGERS, 'sio', 'pm'];
