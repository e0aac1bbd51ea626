// IPC channel names shared by the main process and the preload script.
export const CALL_CHANNEL = 'crm:call';
export const EVENT_CHANNEL = 'crm:event';
export const NOTIFY_CHANNEL = 'crm:notify';
export const CLIPBOARD_CHANNEL = 'crm:clipboard';
export const ON_TOP_CHANNEL = 'crm:on-top';
export const OPEN_OPERATOR_CHANNEL = 'crm:open-operator';
export const UPLOAD_CHANNEL = 'crm:upload';
export const DOWNLOAD_USR_CHANNEL = 'crm:download-usr';
export const DOWNLOAD_GB_REQUEST_CHANNEL = 'crm:download-gb-request';
export const DOWNLOAD_NSS_KC_CHANNEL = 'crm:download-nss-kc';
export const SAVE_DOWNLOAD_CHANNEL = 'crm:save-download';
