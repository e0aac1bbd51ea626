// Worker task `nss.calls.parse`: a ГЛ call list from outside (XLSX or CSV) read as header + rows, within the sheet limits.
export { run } from '../imports/sheet/sheet.parse.task';
