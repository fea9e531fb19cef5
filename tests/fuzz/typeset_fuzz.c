/* Typesetting fuzzer: the input bytes choose a document (headings, paragraphs of
 * every style, tables with spans and header rows, figures, a contents list, header
 * fields) whose texts are random strings over the characters of the seeds
 * (tests/fuzz/alphabet.txt: Chinese, Ext-B, Latin, digits, full-width and ASCII
 * punctuation), very long unbroken strings (URLs) and, rarely, a character no
 * font has; it is typeset and written as a PDF inside a private folder.
 * Properties (a violation aborts):
 *   - the layout succeeds, or fails with -2 and a message naming the character,
 *     and then only when the text holds a character the typesetter refuses;
 *   - the PDF writer succeeds and libharu reports nothing;
 *   - the text comes back: every run's CIDs map (ToUnicode) to exactly the
 *     characters of the run, and every character of the input is drawn.
 * Two builds: libFuzzer (make fuzz-typeset, clang) or -DSTANDALONE, a plain driver
 * feeding random inputs for N seconds (tests/fuzz/suite, part of make test). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "base/utf8.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "typeset/tree.h"

static char dir[64];
static char pdfpath[96];
static uint32_t *alpha;
static size_t nalpha;
static int libharu_seen, refused_seen;
static unsigned *want; /* per input: counts of characters by code point (sparse) */

/* candidates for a refused character; those some installed font draws plainly are
 * dropped at start (an emoji font may be installed) */
static uint32_t bad_chars[] = {0x13000, 0x200C, 0x05D0, 0x0627, 0x202E, 0x1F600, 0xFE0F};
static size_t nbad;

static void
sink(void *ctx, enum isms_level level, const isms_loc *loc, const char *text)
{
	if (strstr(text, "libharu"))
		libharu_seen = 1;
	if (level >= ISMS_ERROR && strstr(text, "the character"))
		refused_seen = 1;
	if (getenv("FUZZ_VERBOSE"))
		fprintf(stderr, "diag: %s\n", text);
}

static void
cleanup(void)
{
	unlink(pdfpath);
	rmdir(dir);
}

static void
init(void)
{
	snprintf(dir, sizeof dir, "/tmp/ismspack-tfuzz-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(pdfpath, sizeof pdfpath, "%s/out.pdf", dir);
	atexit(cleanup);
	isms_diag_set_sink(sink, NULL);
	const char *path = getenv("FUZZ_ALPHABET");
	size_t len;
	char *s = isms_fs_read_file(path ? path : "tests/fuzz/alphabet.txt", &len, 1 << 20);
	if (!s) {
		fprintf(stderr, "typeset_fuzz: tests/fuzz/alphabet.txt not found (run from the "
		        "top folder or set FUZZ_ALPHABET)\n");
		exit(2);
	}
	alpha = malloc((len + 1) * sizeof *alpha);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		/* the alphabet is what the typesetter accepts; refused ones come from bad_chars */
		if (cp >= 0x20 && !isms_typeset_refuse(cp))
			alpha[nalpha++] = cp;
	}
	free(s);
	want = calloc(0x110000, sizeof *want);
	for (size_t i = 0; i < sizeof bad_chars / sizeof *bad_chars; i++)
		if (isms_typeset_refuse(bad_chars[i]))
			bad_chars[nbad++] = bad_chars[i];
}

/* ---------- input consumption ---------- */

typedef struct src {
	const uint8_t *d;
	size_t n, i;
	uint64_t rng;
	int bad; /* a refused character was put in */
	isms_buf all; /* every character given to the tree, for the round trip */
} src;

static unsigned
byte(src *s)
{
	return s->i < s->n ? s->d[s->i++] : 0;
}

static uint64_t
rnd(src *s)
{
	s->rng ^= s->rng << 13;
	s->rng ^= s->rng >> 7;
	s->rng ^= s->rng << 17;
	return s->rng;
}

static void
put(src *s, isms_buf *b, uint32_t cp)
{
	char e[4];
	size_t k = isms_utf8_encode(cp, e);
	isms_buf_append(b, e, k);
	if (cp > ' ')
		isms_buf_append(&s->all, e, k);
}

/* A string: short words, a long unbroken URL, bold markers and forced breaks. */
static size_t
str(src *s, isms_buf *pool, int allow_break)
{
	isms_buf b = {0};
	unsigned mode = byte(s);
	size_t len = mode < 200 ? mode % 40 : mode < 240 ? 40 + byte(s) * 4 : 300 + byte(s) * 12;
	if (mode % 17 == 3) { /* a URL: no break opportunity at all */
		isms_buf_puts(&b, "https://");
		isms_buf_puts(&s->all, "https://");
		for (size_t k = 0; k < len; k++)
			put(s, &b, "abcdefghijklmnopqrstuvwxyz0123456789/-._~?=&"[rnd(s) % 44]);
	} else {
		int bold = 0;
		for (size_t k = 0; k < len; k++) {
			uint64_t r = rnd(s);
			if (r % 23 == 0)
				put(s, &b, ' ');
			else if (r % 97 == 1) {
				isms_buf_putc(&b, bold ? ISMS_BOLD_OFF : ISMS_BOLD_ON);
				bold = !bold;
			} else if (allow_break && r % 131 == 2)
				isms_buf_putc(&b, '\n');
			else
				put(s, &b, alpha[(r >> 8) % nalpha]);
		}
		if (bold)
			isms_buf_putc(&b, ISMS_BOLD_OFF);
	}
	if (mode == 251 && nbad) { /* rarely, a character the typesetter must refuse */
		put(s, &b, bad_chars[byte(s) % nbad]);
		s->bad = 1;
	}
	/* the tree keeps pointers: strings live until the document is freed */
	isms_buf_append(pool, b.data ? b.data : "", b.len + 1);
	size_t off = pool->len - b.len - 1;
	isms_buf_free(&b);
	return off; /* an offset into pool, resolved once the pool is complete */
}

/* Strings are built into one pool and the pool's address may move while growing, so
 * the document is described first as a list of operations, then built. */
typedef struct op {
	int kind, a, b, c, d;
	size_t text, label;
} op;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!dir[0])
		init();
	src s = {data, size, 0, 0x9E3779B97F4A7C15ull, 0, {0}};
	for (size_t i = 0; i < size; i++)
		s.rng = (s.rng ^ data[i]) * 0x100000001B3ull;
	s.rng |= 1;
	isms_buf pool = {0};
	isms_buf_putc(&pool, '\0');
	size_t hdr[5] = {0};
	for (int k = 1; k < 5; k++) /* [0] would be the title: metadata, never drawn */
		hdr[k] = str(&s, &pool, 0);
	op ops[256];
	size_t nops = 0;
	while (s.i < s.n && nops < 200) {
		op o = {(int)(byte(&s) % 9), (int)byte(&s), (int)byte(&s), (int)byte(&s), (int)byte(&s), 0, 0};
		if (o.kind <= 2 || o.kind == 5 || o.kind == 6) {
			o.text = str(&s, &pool, o.kind == 1);
			o.label = o.kind <= 2 && o.a % 3 == 0 ? str(&s, &pool, 0) : 0;
		}
		if (o.kind == 3) { /* a table: its cells follow as ops of kind 100 */
			ops[nops++] = o;
			int ncols = 1 + o.a % 6, nrows = 1 + o.b % 10;
			for (int r = 0; r < nrows && nops < 250; r++)
				for (int c = 0; c < ncols && nops < 250;) {
					/* a: row, b: colspan, c: alignment */
					op cell = {100, r, 1 + (int)(byte(&s) % 2), (int)byte(&s), 0, str(&s, &pool, 1), 0};
					if (c + cell.b > ncols)
						cell.b = ncols - c;
					ops[nops++] = cell;
					c += cell.b;
				}
			continue;
		}
		ops[nops++] = o;
	}
	const char *P = pool.data;
	isms_doc_info info = {0};
	info.title = "typeset fuzz";
	info.org_name = P + hdr[1];
	info.number = P + hdr[2];
	info.doc_title = P + hdr[3];
	info.version = P + hdr[4];
	info.classification = "";
	info.date = 1751328000;
	isms_doc *d = isms_doc_new(&info);
	isms_doc_section(d, 0, 56.7);
	int toc = 0;
	for (size_t i = 0; i < nops; i++) {
		op *o = &ops[i];
		switch (o->kind) {
		case 0:
			isms_doc_heading(d, 1 + o->a % 4, o->label ? P + o->label : NULL, P + o->text);
			break;
		case 1:
		case 2:
			isms_doc_para(d, (enum isms_style)(o->b % 6), (o->c % 4) * 12.0,
			              o->label ? P + o->label : NULL, P + o->text, (enum isms_align)(o->d % 4));
			break;
		case 3: {
			int ncols = 1 + o->a % 6;
			double w[6] = {1 + o->c % 3, 1, 2, 1, 1 + o->d % 4, 1};
			isms_table *t = isms_doc_table(d, ncols, w, o->b % 3 == 0 ? 1 : 0);
			if (o->d % 5 == 0)
				isms_table_font_size(t, 8 + o->c % 6);
			int row = -1;
			while (i + 1 < nops && ops[i + 1].kind == 100) {
				op *c = &ops[++i];
				if (c->a != row) {
					isms_table_row(t);
					row = c->a;
				}
				isms_table_cell(t, P + c->text, c->b, 1, (enum isms_align)(c->c % 4));
			}
			break;
		}
		case 4:
			isms_doc_space(d, o->a % 40);
			break;
		case 5:
		case 6: {
			double fw;
			isms_figure *f = isms_doc_figure(d, 40 + o->a % 200, &fw);
			if (o->kind == 5)
				isms_fig_box(f, o->b % 100, 5, 60 + o->c % 200, 30 + o->d % 60, P + o->text, 0.9, 9);
			else
				isms_fig_text(f, o->b % 200, 20, P + o->text, 9, (enum isms_align)(o->c % 3));
			break;
		}
		case 7:
			if (!toc++)
				isms_doc_toc(d, "目錄 Contents", 1 + o->a % 3);
			else
				isms_doc_page_break(d);
			break;
		case 8:
			isms_doc_section(d, o->a & 1, 40 + o->b % 40);
			break;
		}
	}

	/* the characters asked for */
	const char *all = s.all.data ? s.all.data : "";
	size_t alen = s.all.len;
	uint32_t *cps = malloc((alen + 1) * sizeof *cps);
	size_t ncps = 0;
	for (size_t i = 0; i < alen;) {
		uint32_t cp;
		size_t k = isms_utf8_decode(all + i, alen - i, &cp);
		i += k ? k : 1;
		cps[ncps++] = cp;
		want[cp]++;
	}

	libharu_seen = refused_seen = 0;
	isms_layout *l = NULL;
	int rc = isms_typeset(d, &l);
	if (rc == -2) {
		if (!s.bad || !refused_seen) {
			fprintf(stderr, "typeset_fuzz: layout refused a text without a refused character\n");
			abort();
		}
	} else if (rc != 0) {
		fprintf(stderr, "typeset_fuzz: isms_typeset returned %d\n", rc);
		abort();
	} else {
		if (s.bad) {
			fprintf(stderr, "typeset_fuzz: a refused character was typeset\n");
			abort();
		}
		if (isms_pdf_write(l, pdfpath) != 0 || libharu_seen) {
			fprintf(stderr, "typeset_fuzz: the PDF writer failed%s\n", libharu_seen ? " (libharu)" : "");
			abort();
		}
		/* round trip: CIDs back to characters through the font's ToUnicode data */
		for (size_t p = 0; p < l->npages; p++)
			for (size_t r = 0; r < l->pages[p].nruns; r++) {
				const isms_run *run = &l->pages[p].runs[r];
				const isms_font_data *f = &l->fonts[run->font];
				size_t ul = strlen(run->utf8), k = 0;
				for (size_t i = 0; i < ul;) {
					uint32_t cp;
					size_t n = isms_utf8_decode(run->utf8 + i, ul - i, &cp);
					i += n ? n : 1;
					if (k >= run->ncids || run->cids[k] >= f->ncids || f->cid_uni[run->cids[k]] != cp) {
						fprintf(stderr, "typeset_fuzz: U+%04X drawn as a CID that reads back "
						        "otherwise\n", (unsigned)cp);
						abort();
					}
					k++;
					if (want[cp])
						want[cp]--;
				}
			}
		for (size_t i = 0; i < ncps; i++)
			if (want[cps[i]]) {
				fprintf(stderr, "typeset_fuzz: U+%04X asked for %u more time(s) than drawn\n",
				        (unsigned)cps[i], want[cps[i]]);
				abort();
			}
	}
	for (size_t i = 0; i < ncps; i++)
		want[cps[i]] = 0;
	free(cps);
	isms_layout_free(l);
	isms_doc_free(d);
	isms_buf_free(&pool);
	isms_buf_free(&s.all);
	return 0;
}

#ifdef STANDALONE
/* Random inputs for SECONDS (default 30), or exactly N of them with -n N; the
 * inputs depend on SEED only (default 1), so a run can be replayed. */
int
main(int argc, char **argv)
{
	long count = -1;
	if (argc > 2 && !strcmp(argv[1], "-n")) {
		count = atol(argv[2]);
		argv += 2;
		argc -= 2;
	}
	double secs = argc > 1 ? atof(argv[1]) : 30;
	unsigned seed = argc > 2 ? (unsigned)atoi(argv[2]) : 1;
	srand(seed);
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned long execs = 0;
	uint8_t buf[4096];
	for (;;) {
		size_t n = 16 + (size_t)rand() % (sizeof buf - 16);
		for (size_t i = 0; i < n; i++)
			buf[i] = (uint8_t)rand();
		LLVMFuzzerTestOneInput(buf, n);
		execs++;
		clock_gettime(CLOCK_MONOTONIC, &t);
		double e = (double)(t.tv_sec - t0.tv_sec) + (double)(t.tv_nsec - t0.tv_nsec) / 1e9;
		if (count >= 0 ? (long)execs >= count : e >= secs) {
			printf("typeset_fuzz: %lu execs in %.1f s (%.1f/s), no property violated\n", execs, e,
			       (double)execs / e);
			return 0;
		}
	}
}
#endif
