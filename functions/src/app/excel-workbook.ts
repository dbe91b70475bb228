/**
 * exceljs's Workbook (reading and writing .xlsx and .csv), without the rest of exceljs: the
 * package's main module also loads its streaming reader and writer, which nothing here uses.
 * The Workbook class alone is half the code (≈ 490 of 1,070 KB bundled with its libraries) and
 * half the time to load it (issue #9: what a cold export or location import pays). Its types
 * are the package's own (`exceljs`'s Workbook).
 */
import type ExcelJS from 'exceljs';
import WorkbookModule from 'exceljs/lib/doc/workbook.js';

export const Workbook = WorkbookModule as typeof ExcelJS.Workbook;
export type Workbook = ExcelJS.Workbook;
