/* The typesetting specimen: headings, numbered clauses, a wide table repeating its
 * header, a form with signature boxes, a chart, a landscape section.  Usage:
 * specimen OUT.pdf [repeat] — repeat makes the body longer (benchmark). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "typeset/tree.h"

static const char *const clauses[] = {
	"本公司為確保資訊資產之機密性、完整性及可用性，依據 ISO/IEC 27001:2022 建立資訊安全管理制度（以下簡稱 ISMS），並參照 ISMS-P-005-01「資通安全目標設定表」訂定可量測之目標，以持續改善管理績效。",
	"資訊安全管理委員會每年至少召開一次管理審查會議，審查內部稽核結果、風險評鑑結果與風險處理計畫之執行狀態，並追蹤前次會議決議事項；會議紀錄應於會後 7 日內陳核。",
	"各單位主管應督導所屬同仁遵循本政策，如有違反，依相關規定懲處。委外廠商亦應簽署保密切結書，其人員存取本公司資通系統時，應遵守 6.3.1.1.1 所定之存取控制程序。",
	"The ISMS officer keeps the records listed in clause 5.7 for at least one year, and reports the quarterly review of objectives to the committee (see ISMS-P-005-02).",
};

int
main(int argc, char **argv)
{
	const char *out = argc > 1 ? argv[1] : "specimen.pdf";
	int repeat = argc > 2 ? atoi(argv[2]) : 1;
	isms_doc_info info = {0};
	info.title = "資通安全管理政策（範本）";
	info.author = "ismspack";
	info.subject = "typesetting specimen";
	info.date = 1751328000;
	info.org_name = "範例有線電視股份有限公司";
	info.number = "ISMS-M-001";
	info.doc_title = "資通安全管理政策";
	info.classification = "一般";
	info.version = "1.0";
	isms_doc *d = isms_doc_new(&info);
	isms_doc_section(d, 0, 56.7);
	isms_doc_para(d, ISMS_TITLE, 0, NULL, "資通安全管理政策", ISMS_CENTER);
	isms_doc_para(d, ISMS_SECONDARY, 0, NULL, "Information Security Policy", ISMS_CENTER);
	isms_doc_toc(d, "目　錄", 2);
	isms_doc_page_break(d);
	char label[32];
	for (int r = 0; r < repeat; r++) {
		for (int s = 1; s <= 6; s++) {
			snprintf(label, sizeof label, "%d.", s + 6 * r);
			isms_doc_heading(d, 1, label, s % 2 ? "資訊安全管理制度（ISMS）" : "管理階層責任");
			for (int c = 1; c <= 4; c++) {
				snprintf(label, sizeof label, "%d.%d", s + 6 * r, c);
				isms_doc_heading(d, 2, label, c % 2 ? "ISMS 之建置開發" : "文件管制");
				for (int k = 0; k < 4; k++) {
					snprintf(label, sizeof label, "%d.%d.%d", s + 6 * r, c, k + 1);
					isms_doc_para(d, ISMS_BODY, 0, label, clauses[k], ISMS_JUSTIFY);
				}
				snprintf(label, sizeof label, "%d.%d.4.1.1", s + 6 * r, c);
				isms_doc_para(d, ISMS_BODY, 24, label, clauses[(c + s) % 3], ISMS_JUSTIFY);
			}
		}
	}
	isms_doc_heading(d, 1, "附件一", "紀錄保存表（跨頁表格）");
	double w[] = {0.6, 2.2, 1.6, 1.2, 3};
	isms_table *t = isms_doc_table(d, 5, w, 1);
	const char *heads[] = {"編號", "表單名稱", "保存地點", "保存期限", "備註"};
	isms_table_row(t);
	for (int i = 0; i < 5; i++) {
		isms_table_cell(t, heads[i], 1, 1, ISMS_CENTER);
		isms_table_shade(t, 0.88, 1);
	}
	for (int i = 1; i <= 40; i++) {
		char n[8];
		snprintf(n, sizeof n, "%d", i);
		isms_table_row(t);
		isms_table_cell(t, n, 1, 1, ISMS_CENTER);
		isms_table_cell(t, i % 2 ? "資通安全目標設定表" : "資通安全目標檢討表（含差異說明）", 1, 1, ISMS_LEFT);
		isms_table_cell(t, "圖書資訊處", 1, 1, ISMS_CENTER);
		isms_table_cell(t, "至少 1 年", 1, 1, ISMS_CENTER);
		isms_table_cell(t, i % 5 ? "" : clauses[1], 1, 1, ISMS_JUSTIFY);
	}
	isms_doc_section(d, 1, 42.5);
	isms_doc_para(d, ISMS_TITLE, 0, NULL, "資 通 安 全 目 標 設 定 表", ISMS_CENTER);
	isms_doc_para(d, ISMS_FIELD, 0, NULL, "更新日期：中華民國114年4月15日", ISMS_RIGHT);
	double fw[] = {0.5, 2, 1, 1, 1.2, 1, 2, 1.5, 2.2, 1.6};
	isms_table *f = isms_doc_table(d, 10, fw, 2);
	isms_table_row(f);
	isms_table_cell(f, "No", 1, 2, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_cell(f, "目標設定", 3, 1, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_cell(f, "目標權責", 2, 1, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_cell(f, "量測方式/計算公式", 1, 2, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_cell(f, "所需資源", 1, 2, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_cell(f, "具體執行項目", 1, 2, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_cell(f, "檢討依據(資料來源)", 1, 2, ISMS_CENTER); isms_table_shade(f, 0.88, 1);
	isms_table_row(f);
	const char *sub[] = {"目標(量測)項目", "去年實績", "目標值", "負責部門", "負責人員"};
	for (int i = 0; i < 5; i++) {
		isms_table_cell(f, sub[i], 1, 1, ISMS_CENTER);
		isms_table_shade(f, 0.88, 1);
	}
	for (int i = 1; i <= 6; i++) {
		char n[8];
		snprintf(n, sizeof n, "%d", i);
		isms_table_row(f);
		isms_table_cell(f, n, 1, 1, ISMS_CENTER);
		isms_table_cell(f, "同仁資安教育訓練完成率", 1, 1, ISMS_LEFT);
		isms_table_cell(f, "92%", 1, 1, ISMS_CENTER);
		isms_table_cell(f, "≥ 95%", 1, 1, ISMS_CENTER);
		isms_table_cell(f, "人事室", 1, 1, ISMS_CENTER);
		isms_table_cell(f, "林美玲", 1, 1, ISMS_CENTER);
		isms_table_cell(f, "完成人數 ÷ 應受訓人數 × 100%", 1, 1, ISMS_LEFT);
		isms_table_cell(f, "線上學習平台", 1, 1, ISMS_LEFT);
		isms_table_cell(f, "1. 每季寄發提醒\n2. 未完成者補訓", 1, 1, ISMS_LEFT);
		isms_table_cell(f, "人事室訓練紀錄", 1, 1, ISMS_LEFT);
	}
	isms_doc_space(d, 10);
	isms_table *sg = isms_doc_table(d, 3, NULL, 0);
	isms_table_row(sg);
	isms_table_cell(sg, "編訂者", 1, 1, ISMS_CENTER); isms_table_shade(sg, 0.88, 1);
	isms_table_cell(sg, "權責主管", 1, 1, ISMS_CENTER); isms_table_shade(sg, 0.88, 1);
	isms_table_cell(sg, "資通安全長", 1, 1, ISMS_CENTER); isms_table_shade(sg, 0.88, 1);
	isms_table_row(sg);
	isms_table_min_height(sg, 48);
	isms_table_cell(sg, "", 1, 1, ISMS_CENTER);
	isms_table_cell(sg, "", 1, 1, ISMS_CENTER);
	isms_table_cell(sg, "", 1, 1, ISMS_CENTER);
	double fwid;
	isms_figure *fig = isms_doc_figure(d, 150, &fwid);
	double x0 = 60, x1 = fwid - 40, y0 = 130, y1 = 20;
	isms_fig_line(fig, x0, y0, x1, y0, 0, 0, 0.8, 0);
	isms_fig_line(fig, x0, y0, x0, y1, 0, 0, 0.8, 0);
	double vals[] = {88, 91, 90, 96}, cum[] = {88, 89.5, 89.7, 91.3};
	double py = y0 - (95 - 80) / 20.0 * (y0 - y1);
	isms_fig_line(fig, x0, py, x1, py, 0, 1, 0.8, 0.4);
	isms_fig_text(fig, x1 + 4, py + 3, "目標值 95%", 8, ISMS_LEFT);
	for (int i = 0; i < 4; i++) {
		double x = x0 + (i + 0.5) * (x1 - x0) / 4;
		double y = y0 - (vals[i] - 80) / 20.0 * (y0 - y1), yc = y0 - (cum[i] - 80) / 20.0 * (y0 - y1);
		isms_fig_dot(fig, x, y, 2.5, 0);
		isms_fig_dot(fig, x, yc, 2, 0.5);
		if (i) {
			double xp = x0 + (i - 0.5) * (x1 - x0) / 4;
			isms_fig_line(fig, xp, y0 - (vals[i - 1] - 80) / 20.0 * (y0 - y1), x, y, 0, 0, 1, 0);
			isms_fig_line(fig, xp, y0 - (cum[i - 1] - 80) / 20.0 * (y0 - y1), x, yc, 0, 1, 0.8, 0.5);
		}
		char q[16];
		snprintf(q, sizeof q, "第%s季", (const char *[]){"一", "二", "三", "四"}[i]);
		isms_fig_text(fig, x, y0 + 12, q, 8, ISMS_CENTER);
	}
	isms_fig_box(fig, 4, 10, 50, 22, "實績", 0.95, 8);
	isms_fig_box(fig, 4, 40, 50, 22, "累計", 0.95, 8);
	isms_fig_diamond(fig, 4, 70, 50, 40, "審核", 8);
	isms_fig_line(fig, 29, 62, 29, 70, 1, 0, 0.8, 0);

	isms_layout *l = NULL;
	int rc = isms_typeset(d, &l);
	if (rc == 0)
		rc = isms_pdf_write(l, out);
	if (l)
		printf("%zu pages, %u missing characters\n", l->npages, l->missing);
	isms_layout_free(l);
	isms_doc_free(d);
	return rc ? 1 : 0;
}
