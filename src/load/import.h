/* Importing input workbooks into an organisation's XML (load layer). */
#ifndef ISMS_LOAD_IMPORT_H
#define ISMS_LOAD_IMPORT_H

/* Read the workbooks (one input workbook from `ismspack workbook`, or any number of
 * collection workbooks from `ismspack collect`) and rewrite the organisation at
 * into: the sections a workbook carries are replaced, collected measurements are
 * merged (a value differing from the recorded one is reported and kept, unless
 * replace), everything else is kept as written.  The result is validated exactly
 * as `validate` does before any file is written; every fault is reported, located
 * at its cell (book.xlsx:量測紀錄!D7).  Returns 0 or an ISMS_EXIT_* status. */
int isms_import(const char *const *books, int nbooks, const char *into, int replace);

#endif
