/*
 * export_xlsx.h - the Community Scan as an Excel workbook (.xlsx, written
 * with libxlsxwriter).  The Community Scan was an Excel instrument and the
 * people who use it keep using Excel; the workbook gives them every revision
 * of a case side by side so growth or loss of the network over time shows.
 *
 * The workbook holds:
 *   - "Overzicht" / "Overview": one row per segment, one column per revision
 *     with its scan value, the change from the first to the last revision,
 *     the number of people, and a radar chart of (up to) the last eight
 *     revisions;
 *   - one sheet per revision, "Revisie N (YYYY-MM-DD)" / "Revision N (...)"
 *     after the day the revision was stored: each person's name, world,
 *     segment, importance, contact and points, below that the value of every
 *     segment, and a radar chart of those values.
 * Each revision's scan is computed as of the day it was stored (see scan.h
 * for the formula).  Header rows are bold and frozen.
 */
#ifndef KRING_EXPORT_XLSX_H
#define KRING_EXPORT_XLSX_H

#include "kring/error.h"
#include "kring/lang.h"
#include "kring/store.h"

/* Writes the Community Scan workbook of case ref (all its revisions) from
 * store s to path, with labels in lang.  The file is written to a temporary
 * file in the same folder and renamed over path only when complete, so a
 * failure never leaves half a file (and leaves an existing file untouched).
 * The bytes depend only on the stored revisions (the workbook's creation
 * time is the time of the latest revision).
 * Fails with KR_ENOTFOUND (no such case), KR_EIO (the file could not be
 * written; the message names the path and the reason), KR_EDB or KR_EINVAL
 * (a stored revision could not be read), KR_ENOMEM. */
enum kr_status kr_export_scan_xlsx(struct kr_store *s, const char *ref, const char *path,
                                   enum kr_lang lang, struct kr_error *err);

#endif
