/* Unit tests for src/base: dates (ISO, ROC), UTF-8, arena, buffer. */
#include "harness.h"
#include "base/alloc.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/diag.h"
#include "base/utf8.h"

static char last_msg[4096];

static void
keep_msg(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
	snprintf(last_msg, sizeof last_msg, "%s", text);
}

/* 1 when s is well-formed UTF-8 */
static int
valid_utf8(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t k = isms_utf8_decode(s + i, n - i, &c);
		if (!k || c == 0xFFFD)
			return 0;
		i += k;
	}
	return 1;
}

int
main(void)
{
	isms_date d;
	char b[64];
	CHECK(isms_date_parse("2025-04-15", &d) == 0);
	CHECK_STR(isms_date_roc_long(d, b, sizeof b), "中華民國114年4月15日");
	CHECK_STR(isms_date_roc_short(d, b, sizeof b), "114年04月15日");
	CHECK_STR(isms_date_en(d, b, sizeof b), "15 April 2025");
	CHECK(isms_date_parse("2025-02-29", &d) == -1);
	CHECK(isms_date_parse("2024-02-29", &d) == 0);
	CHECK(isms_date_parse("1900-02-29", &d) == -1);
	CHECK(isms_date_parse("2025-13-01", &d) == -1);
	CHECK(isms_date_parse("2025-4-15", &d) == -1);
	CHECK(isms_date_parse("2025-04-15x", &d) == -1);
	CHECK(isms_date_parse("2025-04-31", &d) == -1);
	isms_date a = {2025, 1, 1}, c = {2025, 12, 31};
	CHECK_INT(isms_date_days(c) - isms_date_days(a), 364);
	CHECK_INT(isms_date_days((isms_date){1970, 1, 1}), 0);
	CHECK(isms_date_cmp(a, c) < 0 && isms_date_cmp(c, a) > 0 && isms_date_cmp(a, a) == 0);
	CHECK_INT(isms_roc_year(2025), 114);

	uint32_t cp;
	CHECK_INT(isms_utf8_decode("頁", 3, &cp), 3);
	CHECK_INT(cp, 0x9801);
	CHECK_INT(isms_utf8_decode("\xC0\x80", 2, &cp), 0); /* overlong */
	CHECK_INT(isms_utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	CHECK_INT(isms_utf8_invalid_at("ab\xFF", 3), 2);
	CHECK(isms_utf8_invalid_at("中文", 6) == (size_t)-1);
	CHECK_INT(isms_utf8_length("中文ab"), 4);
	char e[4];
	CHECK_INT(isms_utf8_encode(0x1F600, e), 4);

	isms_arena *ar = isms_arena_new();
	char *s = isms_arena_printf(ar, "%s-%d", "ISMS", 5);
	CHECK_STR(s, "ISMS-5");
	void *big = isms_arena_alloc(ar, 200000);
	CHECK(big != NULL && ((unsigned long)big & 15) == 0);
	isms_arena_free(ar);
	isms_arena_free(NULL);

	isms_buf buf = {0};
	isms_buf_put_xml(&buf, "a<b>&\"'");
	CHECK_STR(buf.data, "a&lt;b&gt;&amp;&quot;&apos;");
	isms_buf_free(&buf);

	/* a message longer than the printer's buffer is cut between characters */
	isms_buf longmsg = {0};
	for (int i = 0; i < 1500; i++)
		isms_buf_puts(&longmsg, "資");
	isms_diag_set_sink(keep_msg, NULL);
	for (int shift = 0; shift < 3; shift++) {
		isms_diag(ISMS_NOTE, NULL, "%.*s%s", shift, "ab", longmsg.data);
		CHECK(valid_utf8(last_msg));
		CHECK(strlen(last_msg) > 2000 && !strcmp(last_msg + strlen(last_msg) - 3, "\xE2\x80\xA6")); /* … */
	}
	isms_diag_set_sink(NULL, NULL);
	isms_diag_reset();
	isms_buf_free(&longmsg);
	HARNESS_END();
}
