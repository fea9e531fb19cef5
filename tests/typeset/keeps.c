/* Pagination cases for the keep rules: each section starts a page, fills it
 * with k one-line paragraphs, then sets a heading, a captioned table with a
 * header row, a signature block kept with it and a remark, so that every keep
 * meets the foot of a page somewhere.  The checker (check_keeps.py) reads the
 * markers back.  Usage: keeps OUT.pdf [landscape] */
#include <stdio.h>
#include <stdlib.h>

#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "typeset/tree.h"

int
main(int argc, char **argv)
{
	const char *out = argc > 1 ? argv[1] : "keeps.pdf";
	int landscape = argc > 2 && atoi(argv[2]);
	isms_doc_info info = {0};
	info.title = "keep rules";
	info.date = 1751328000;
	info.org_name = "範例機關";
	info.number = "T-001";
	info.doc_title = "換頁規則";
	info.classification = "一般";
	info.version = "1.0";
	isms_doc *d = isms_doc_new(&info);
	char buf[256];
	int lines = landscape ? 24 : 36;
	for (int k = 0; k < lines; k++) {
		isms_doc_section(d, landscape, 56.7);
		for (int j = 0; j < k; j++) {
			snprintf(buf, sizeof buf, "FILL%d.%d 本段落僅為填充版面之用。", k, j);
			isms_doc_para(d, ISMS_FIELD, 0, NULL, buf, ISMS_LEFT);
		}
		snprintf(buf, sizeof buf, "HEAD%d 標題", k);
		isms_doc_heading(d, 2, NULL, buf);
		snprintf(buf, sizeof buf, "BODY%d 本節說明資訊安全目標之設定方式，各單位應依本程序辦理，"
		         "並將結果陳報資訊安全管理委員會審議，審議結果應納入管理審查之輸入事項。", k);
		isms_doc_para(d, ISMS_BODY, 0, NULL, buf, ISMS_JUSTIFY);
		snprintf(buf, sizeof buf, "CAPT%d 附表", k);
		isms_doc_para(d, ISMS_SUBTITLE, 0, NULL, buf, ISMS_CENTER);
		isms_table *t = isms_doc_table(d, 3, NULL, 1);
		isms_table_row(t);
		snprintf(buf, sizeof buf, "HDR%d 項目", k);
		isms_table_cell(t, buf, 1, 1, ISMS_CENTER);
		isms_table_shade(t, 0.9, 1);
		isms_table_cell(t, "負責人", 1, 1, ISMS_CENTER);
		isms_table_shade(t, 0.9, 1);
		isms_table_cell(t, "期限", 1, 1, ISMS_CENTER);
		isms_table_shade(t, 0.9, 1);
		for (int r = 0; r < 6; r++) {
			isms_table_row(t);
			snprintf(buf, sizeof buf, "ROW%d.%d 檢視存取權限", k, r);
			isms_table_cell(t, buf, 1, 1, ISMS_LEFT);
			isms_table_cell(t, "\004王俊傑\005", 1, 1, ISMS_CENTER);
			isms_table_cell(t, "\004中華民國114年12月31日\005", 1, 1, ISMS_CENTER);
		}
		isms_doc_space(d, 8);
		isms_table *s = isms_doc_table(d, 2, NULL, 0);
		isms_table_keep_with_previous(s);
		isms_table_row(s);
		snprintf(buf, sizeof buf, "SIGN%d 主席", k);
		isms_table_cell(s, buf, 1, 1, ISMS_CENTER);
		isms_table_cell(s, "紀錄", 1, 1, ISMS_CENTER);
		isms_table_row(s);
		isms_table_min_height(s, 44);
		isms_table_cell(s, "", 1, 1, ISMS_CENTER);
		isms_table_cell(s, "", 1, 1, ISMS_CENTER);
		snprintf(buf, sizeof buf, "NOTE%d 備註：本表經主管確認後陳核。", k);
		isms_doc_para(d, ISMS_SMALL, 0, NULL, buf, ISMS_LEFT);
	}
	isms_layout *l = NULL;
	int rc = isms_typeset(d, &l);
	if (rc == 0)
		rc = isms_pdf_write(l, out);
	isms_layout_free(l);
	isms_doc_free(d);
	return rc ? 1 : 0;
}
