// Worker task `glavbukh.list.parse`: a certified list from outside (XLSX or CSV) read as header + rows, within the sheet limits.
export { run } from '../imports/sheet/sheet.parse.task';
