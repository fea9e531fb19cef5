/* Typesetting benchmark: a policy-like document (TW-Sung 11 pt, A4, running header
 * with 頁次 X / Y) of `sections` sections, typeset and written `runs` times in one
 * process.  Prints wall time (best and median), pages/s, PDF bytes, peak RSS and the
 * floor: subsetting the used glyphs plus deflating the output once. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "base/fs.h"
#include "base/utf8.h"
#include "pdf/pdf.h"
#include "typeset/fonts.h"
#include "typeset/pages.h"
#include "typeset/tree.h"

static const char *const text[] = {
	"為確保本公司資訊資產之機密性、完整性及可用性，並符合相關法令法規之要求，使其免於遭受內部或外部之蓄意或意外威脅，特訂定本政策，作為資訊安全管理制度（以下簡稱 ISMS）各項管理辦法及作業程序之依據。",
	"本政策適用於本公司 ISMS 實施範圍內之所有同仁、委外廠商及訪客，涵蓋資訊資產管理、存取控制、密碼學、實體與環境安全、作業安全、通訊安全、系統獲取開發及維護、供應商關係、事故管理、營運持續及遵循性等十四項管理事項。",
	"管理階層應提供建立、實施、維持及持續改善 ISMS 所需之人力、經費與設備，並定期審查資源之適切性；各單位主管應督導所屬同仁遵循本政策，如有違反，依人事規章或契約規定處理。",
	"每年至少辦理一次內部稽核，確認 ISMS 之各項控制措施符合 ISO/IEC 27001:2022 及主管機關之要求，稽核發現之不符合事項應於三十日內提出矯正措施，並由稽核小組追蹤至結案為止。",
	"資訊安全管理委員會每年至少召開一次管理審查會議，審查前次決議事項之辦理情形、內外部議題之變更、不符合事項與矯正措施、監督量測結果、稽核結果、利害關係者之回饋、風險評鑑結果及持續改善之機會。",
	"同仁發現資安事件或系統弱點時，應立即通報 ISMS 承辦人，並依「資安事件通報及應變程序」（ISMS-P-012）辦理；重大事件應於一小時內通報主管機關，並於事後檢討發生原因、研擬預防措施。",
	"The Information Security Committee reviews this policy at least once a year, or whenever a significant change in the organisation, the law or the threat landscape makes a review necessary; changes are published on the intranet within seven days.",
	"重要資訊資產應建立清冊並定期盤點，依其價值、法令要求及對業務之影響程度分級，並據以採取適當之保護措施；可攜式儲存媒體及行動裝置之使用，須經單位主管核准並登錄。",
};

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static isms_doc *
build(int sections)
{
	isms_doc_info info = {0};
	info.title = "資通安全管理政策";
	info.date = 1751328000;
	info.org_name = "範例有線電視股份有限公司";
	info.number = "ISMS-M-001";
	info.doc_title = "資通安全管理政策";
	info.classification = "一般";
	info.version = "1.0";
	isms_doc *d = isms_doc_new(&info);
	isms_doc_section(d, 0, 56.7);
	char label[32];
	int k = 0;
	for (int s = 1; s <= sections; s++) {
		snprintf(label, sizeof label, "%d.", s);
		isms_doc_heading(d, 1, label, s % 3 ? "資訊安全管理制度" : "管理階層責任與資源管理");
		for (int c = 1; c <= 3; c++) {
			snprintf(label, sizeof label, "%d.%d", s, c);
			isms_doc_heading(d, 2, label, c % 2 ? "一般要求" : "文件及紀錄管制");
			for (int p = 1; p <= 2; p++) {
				snprintf(label, sizeof label, "%d.%d.%d", s, c, p);
				isms_doc_para(d, ISMS_BODY, 0, label, text[k++ % 8], ISMS_JUSTIFY);
			}
		}
	}
	return d;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int
main(int argc, char **argv)
{
	int sections = argc > 1 ? atoi(argv[1]) : 4;
	int runs = argc > 2 ? atoi(argv[2]) : 7;
	const char *out = argc > 3 ? argv[3] : "/tmp/ismspack-bench.pdf";
	double t[64];
	size_t pages = 0;
	double t0 = now();
	isms_doc *warm = build(1);
	isms_layout *wl = NULL;
	isms_typeset(warm, &wl); /* opens and maps the fonts once, as a batch would */
	isms_layout_free(wl);
	isms_doc_free(warm);
	double first = now() - t0;
	if (runs > 64)
		runs = 64;
	isms_layout *keep = NULL;
	isms_doc *keepdoc = NULL;
	for (int r = 0; r < runs; r++) {
		double s = now();
		isms_doc *d = build(sections);
		isms_layout *l = NULL;
		if (isms_typeset(d, &l) < 0 || isms_pdf_write(l, out) < 0)
			return 1;
		t[r] = now() - s;
		pages = l->npages;
		if (r == runs - 1) {
			keep = l;
			keepdoc = d;
		} else {
			isms_layout_free(l);
			isms_doc_free(d);
		}
	}
	qsort(t, (size_t)runs, sizeof *t, cmp);
	size_t len;
	char *pdf = isms_fs_read_file(out, &len, 1 << 30);
	/* the floor: subset the glyphs this document uses, and deflate its output once */
	double fs = now();
	for (int f = 0; f < ISMS_MAX_FONTS; f++) {
		if (!keep->fonts[f].data)
			continue;
		uint32_t *cps = malloc(0x110000 * sizeof *cps);
		size_t n = 0;
		static unsigned char seen[0x110000];
		memset(seen, 0, sizeof seen);
		for (size_t p = 0; p < keep->npages; p++)
			for (size_t r = 0; r < keep->pages[p].nruns; r++) {
				const isms_run *run = &keep->pages[p].runs[r];
				if (run->font != f)
					continue;
				const char *s = run->utf8;
				size_t sl = strlen(s);
				for (size_t i = 0; i < sl;) {
					uint32_t cp;
					size_t k = isms_utf8_decode(s + i, sl - i, &cp);
					i += k ? k : 1;
					if (!seen[cp]) {
						seen[cp] = 1;
						cps[n++] = cp;
					}
				}
			}
		isms_arena *fa = isms_arena_new();
		isms_font_data fd;
		uint16_t *cid = malloc((n + 1) * sizeof *cid);
		fonts_embed(f, cps, n, fa, &fd, cid);
		free(cid);
		isms_arena_free(fa);
		free(cps);
	}
	double subset = now() - fs;
	double zs = now();
	uLongf zl = compressBound((uLong)len);
	unsigned char *z = malloc(zl);
	compress2(z, &zl, (const Bytef *)pdf, (uLong)len, Z_DEFAULT_COMPRESSION);
	double deflate = now() - zs;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("typeset: %zu pages: best %.1f ms, median %.1f ms, %.0f pages/s; first run (fonts "
	       "opened) %.1f ms; PDF %zu bytes; peak RSS %.1f MB; floor %.1f ms (subset %.1f + "
	       "deflate %.1f), best/floor %.1fx\n",
	       pages, t[0] * 1e3, t[runs / 2] * 1e3, pages / t[0], first * 1e3, len,
	       ru.ru_maxrss / 1024.0, (subset + deflate) * 1e3, subset * 1e3, deflate * 1e3,
	       t[0] / (subset + deflate));
	free(z);
	free(pdf);
	isms_layout_free(keep);
	isms_doc_free(keepdoc);
	return 0;
}
