// exceljs's Workbook module (functions/src/app/excel-workbook.ts gives it the package's types).
declare module 'exceljs/lib/doc/workbook.js' {
  const Workbook: unknown;
  export default Workbook;
}
