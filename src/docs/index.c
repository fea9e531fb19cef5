/* The pack's index (封面 and 文件清單): a cover naming the organisation and the
 * period, and the list of every file with its number, title, version, pages and a
 * short digest, so that a reader can match paper to files. */
#include "common.h"

#include <string.h>

int
isms_docs_index(const isms_docctx *c, const isms_index_entry *e, size_t n, const char *path)
{
	dctx d;
	docs_begin(&d, c, ISMS_DOC_OTHER, "資訊安全管理文件包", "ISMS document pack");
	const isms_org *o = c->org;
	isms_doc_section(d.doc, 0, 50);
	isms_doc_header(d.doc, 0); /* the pack is not a controlled document of the register */
	isms_doc_space(d.doc, 40);
	isms_doc_para(d.doc, ISMS_TITLE, 0, NULL, d.en && o->name.en ? o->name.en : o->name.zh, ISMS_CENTER);
	isms_doc_para(d.doc, ISMS_SUBTITLE, 0, NULL, L(&d, "資訊安全管理系統文件包", "ISMS document pack"), ISMS_CENTER);
	isms_doc_para(d.doc, ISMS_SUBTITLE, 0, NULL, docs_period(&d, c->period), ISMS_CENTER);
	isms_doc_space(d.doc, 12);
	/* Produced is the build's time (SOURCE_DATE_EPOCH or now); the data's cut-off is
	 * the period's last day, stated apart so neither passes for the other. */
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, F(&d, "%s%s", Ls(&d, "產製日期：", "Produced: "), D(&d, docs_today(c))), ISMS_CENTER);
	isms_doc_para(d.doc, ISMS_FIELD, 0, NULL, F(&d, "%s%s", Ls(&d, "資料截止日：", "Data as of: "), D(&d, isms_period_end(c->period))), ISMS_CENTER);
	isms_doc_space(d.doc, 24);
	isms_doc_para(d.doc, ISMS_SUBTITLE, 0, NULL, L(&d, "文件清單", "Contents of the pack"), ISMS_CENTER);
	double w[] = {2.9, 1.6, 2.4, 0.6, 0.6, 1.9};
	isms_table *t = isms_doc_table(d.doc, 6, w, 1);
	isms_table_font_size(t, 8.5);
	isms_table_row(t);
	docs_head_cell(t, L(&d, "檔案", "File"), 1, 1);
	docs_head_cell(t, L(&d, "文件編號", "Number"), 1, 1);
	docs_head_cell(t, L(&d, "文件名稱", "Title"), 1, 1);
	docs_head_cell(t, L(&d, "版次", "Version"), 1, 1);
	docs_head_cell(t, L(&d, "頁數", "Pages"), 1, 1);
	docs_head_cell(t, L(&d, "SHA-256（前 16 碼）", "SHA-256 (first 16)"), 1, 1);
	for (size_t i = 0; i < n; i++) {
		isms_table_row(t);
		isms_table_cell(t, e[i].file, 1, 1, ISMS_LEFT);
		isms_table_cell(t, e[i].number ? e[i].number : "—", 1, 1, ISMS_LEFT);
		isms_table_cell(t, T(&d, e[i].title), 1, 1, ISMS_LEFT);
		isms_table_cell(t, e[i].version ? e[i].version : "—", 1, 1, ISMS_CENTER);
		isms_table_cell(t, e[i].pages > 0 ? F(&d, "%d", e[i].pages) : "—", 1, 1, ISMS_CENTER);
		isms_table_cell(t, F(&d, "%.16s", e[i].sha256), 1, 1, ISMS_LEFT);
	}
	isms_doc_para(d.doc, ISMS_SMALL, 0, NULL,
	              Ls(&d, "完整摘要值見 MANIFEST.sha256；以 ismspack verify 或 sha256sum -c 驗證。",
	                 "Full digests are in MANIFEST.sha256; check them with ismspack verify or sha256sum -c."),
	              ISMS_LEFT);
	return docs_finish(&d, path);
}
