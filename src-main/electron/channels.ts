// IPC channel names shared by the main process and the preload script.
export const CALL_CHANNEL = 'crm:call';
export const EVENT_CHANNEL = 'crm:event';
export const NOTIFY_CHANNEL = 'crm:notify';
export const UPLOAD_CHANNEL = 'crm:upload';
