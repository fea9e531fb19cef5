/* 修正對照表: the amendment table of each controlled document whose version changed,
 * in the Taiwanese three-column form (修正條文 │ 現行條文 │ 說明), clause by clause. */
#include "common.h"

#include <string.h>

int
isms_docs_amendments(const isms_docctx *c, const isms_amendment *a, size_t n, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_OTHER, "修正對照表", "Amendment tables");
	isms_doc_section(d.doc, 0, 48);
	docs_title(&d, "修 正 對 照 表", "Amendment Tables");
	for (size_t i = 0; i < n; i++) {
		const isms_amendment *m = &a[i];
		const char *title = m->reg ? T(&d, m->reg->title) : m->file;
		if (i)
			isms_doc_space(d.doc, 10);
		isms_doc_heading(d.doc, 2, NULL, m->reg ? F(&d, "%s %s", m->reg->number, title) : title);
		isms_doc_para(d.doc, ISMS_FIELD, 0, NULL,
		              F(&d, "%s%s → %s", Ls(&d, "版次：", "Version: "), m->old_version,
		                m->reg ? m->reg->version : "?"), ISMS_LEFT);
		const isms_revision *rv = m->reg && m->reg->nrevisions
			? &m->reg->revisions[m->reg->nrevisions - 1] : NULL;
		if (rv && rv->description.zh)
			isms_doc_para(d.doc, ISMS_FIELD, 0, NULL,
			              F(&d, "%s%s", Ls(&d, "修訂說明：", "Revision: "), T(&d, rv->description)),
			              ISMS_LEFT);
		double w[] = {0.42, 0.42, 0.16};
		isms_table *t = isms_doc_table(d.doc, 3, w, 1);
		isms_table_font_size(t, 9.5);
		isms_table_row(t);
		docs_head_cell(t, L(&d, "修正條文", "Amended text"), 1, 1);
		docs_head_cell(t, L(&d, "現行條文", "Current text"), 1, 1);
		docs_head_cell(t, L(&d, "說明", "Note"), 1, 1);
		for (size_t k = 0; k < m->nrows; k++) {
			isms_table_row(t);
			isms_table_cell(t, *m->rows[k].new_text ? m->rows[k].new_text : "—", 1, 1, ISMS_LEFT);
			isms_table_cell(t, *m->rows[k].old_text ? m->rows[k].old_text : "—", 1, 1, ISMS_LEFT);
			isms_table_cell(t, m->rows[k].note, 1, 1, ISMS_LEFT);
		}
	}
	return docs_finish(&d, path);
}
