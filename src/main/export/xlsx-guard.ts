import type ExcelJS from 'exceljs';
import { guardFormula } from '../../core/export/escape.js';

/**
 * The bytes of a workbook after every text cell of every sheet has passed the formula guard
 * (`guardFormula`, the one every CSV writer uses too). Every XLSX writer ends through here, so a
 * sheet added later cannot forget it. Numbers, dates and booleans are left as they are.
 */
export async function guardedXlsxBytes(wb: ExcelJS.Workbook, options: Partial<ExcelJS.XlsxWriteOptions>): Promise<Uint8Array> {
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (typeof cell.value === 'string') cell.value = guardFormula(cell.value);
      });
    });
  });
  return new Uint8Array(await wb.xlsx.writeBuffer(options));
}
