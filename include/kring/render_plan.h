/*
 * render_plan.h - the network plan as a document people sign: a PDF made
 * by the library (lib/render_plan.c) with a title page (the child's name,
 * the date), the plan (safety and whom to call when worried, the worries,
 * what works, what needs to happen, the wishes with their answers, the
 * goals), the agreements as a table (who, what, when, what if not), the
 * ecogram, and signature lines for the child, the parents, the foster
 * parents and the worker.  Dutch by default, English when asked.
 *
 * The document is for the family: agreements and concerns for
 * professionals only are left out unless the caller asks for them.  The
 * same case, day and options give the same bytes.
 */
#ifndef KRING_RENDER_PLAN_H
#define KRING_RENDER_PLAN_H

#include <stdbool.h>

#include "kring/buf.h"
#include "kring/case.h"
#include "kring/error.h"
#include "kring/lang.h"

struct kr_plan_doc_opts {
	enum kr_lang lang;
	long as_of;          /* the day of the document (a day number) */
	bool professionals;  /* also the items for professionals only */
};

/* kr_render_plan_pdf: writes the plan of case c as a PDF (A4) into out
 * (appending).  The ecogram is kr_render_svg()'s, drawn on its own page.
 * A case without a plan gets a document that says so, with the signature
 * page.  Fails with KR_ETOOBIG / KR_ENOMEM from the buffer, KR_EINVAL when
 * the ecogram cannot be drawn, KR_EIO when cairo fails; on failure nothing
 * is appended. */
enum kr_status kr_render_plan_pdf(const struct kr_case *c, const struct kr_plan_doc_opts *o,
                                  struct kr_buf *out, struct kr_error *err);

#endif
