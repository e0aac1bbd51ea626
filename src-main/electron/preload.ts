// Preload (sandboxed, bundled to CommonJS): exposes only `window.crm` — call the contract, receive push events, ask for a desktop notification,
// and the operator window's few host services (clipboard text, always on top, the global shortcut's request).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CrmBridge } from '../../src-shared/bridge';
import { CALL_CHANNEL, CLIPBOARD_CHANNEL, DOWNLOAD_GB_REQUEST_CHANNEL, DOWNLOAD_NSS_KC_CHANNEL, DOWNLOAD_USR_CHANNEL, EVENT_CHANNEL, NOTIFY_CHANNEL, ON_TOP_CHANNEL, OPEN_OPERATOR_CHANNEL, SAVE_DOWNLOAD_CHANNEL, UPLOAD_CHANNEL } from './channels';

const bridge: CrmBridge = {
  call: (method, input, token) => ipcRenderer.invoke(CALL_CHANNEL, method, input, token),
  onEvent(listener) {
    // The page never gets ipcRenderer or the IPC event object, only the event name and its data.
    const handler = (_e: IpcRendererEvent, event: string, data: unknown) => listener(event, data);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  notify: (note) => ipcRenderer.invoke(NOTIFY_CHANNEL, { title: note.title, body: note.body, tag: note.tag }),
  readClipboard: () => ipcRenderer.invoke(CLIPBOARD_CHANNEL),
  setAlwaysOnTop: (on) => ipcRenderer.invoke(ON_TOP_CHANNEL, on === true),
  onOpenOperator(listener) {
    const handler = (_e: IpcRendererEvent, q: unknown) => listener(typeof q === 'string' ? q : '');
    ipcRenderer.on(OPEN_OPERATOR_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(OPEN_OPERATOR_CHANNEL, handler);
    };
  },
  upload: (name, bytes, token) => ipcRenderer.invoke(UPLOAD_CHANNEL, name, bytes, token),
  downloadUsr: (usrFileId, token) => ipcRenderer.invoke(DOWNLOAD_USR_CHANNEL, usrFileId, token),
  downloadGbRequest: (requestId, token) => ipcRenderer.invoke(DOWNLOAD_GB_REQUEST_CHANNEL, requestId, token),
  downloadNssKc: (reportId, token) => ipcRenderer.invoke(DOWNLOAD_NSS_KC_CHANNEL, reportId, token),
  saveDownload: (url, name) => ipcRenderer.invoke(SAVE_DOWNLOAD_CHANNEL, url, name),
};

contextBridge.exposeInMainWorld('crm', bridge);
