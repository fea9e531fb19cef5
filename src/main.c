/* ismspack command line: options and the pipeline (load → model → calc → docs →
 * typeset → pdf/xlsx → pack).  The only place that exits; every stage reports
 * through base/diag. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "calc/calc.h"
#include "docs/docs.h"
#include "load/import.h"
#include "load/load.h"
#include "model/model.h"
#include "model/skeleton.h"
#include "pack/build.h"
#include "pack/diff.h"
#include "pack/newyear.h"
#include "pack/outdir.h"
#include "pack/pack.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "xlsx/xlsx.h"

static const char usage_text[] =
	"usage: ismspack validate [--lang en|bi] [--templates DIR] FILE...\n"
	"       ismspack build FILE|FOLDER... --period PERIOD --out DIR [options]\n"
	"       ismspack verify DIR|FILE.pdf [--ca FILE|DIR]\n"
	"       ismspack diff OLD-PACK NEW-PACK [--out AMENDMENTS.pdf]\n"
	"       ismspack sign-pdf FILE.pdf... --sign-key FILE [--sign-cert FILE ...]\n"
	"                                         | --sign-pkcs11 URI [...]\n"
	"       ismspack sign DIR --sign-key FILE ... | --sign-pkcs11 URI [--sign-as ROLE]\n"
	"                                         [--sign-visible]\n"
	"       ismspack workbook FILE.xml --out INPUT.xlsx\n"
	"       ismspack import INPUT.xlsx... --into FILE.xml [--replace]\n"
	"       ismspack collect FILE.xml --period PERIOD --out DIR [--by unit|reporter]\n"
	"       ismspack init --kind agency|school|company [--year YYYY] --out FILE.xml\n"
	"       ismspack new-year FILE.xml --year YYYY --out NEW.xml\n"
	"                (the next year's organisation: lastYear from this year's results,\n"
	"                no measurements, open actions carried; a new file, validated)\n"
	"       ismspack --help | --version\n"
	"\n"
	"build options:\n"
	"  --period P         2025Q4 (a quarter), 2025-05 (a month), or prev-quarter /\n"
	"                     prev-month (the one that ended last, by today's date)\n"
	"  --out DIR          the pack folder; with several organisations, the folder\n"
	"                     that receives one pack per organisation: DIR/<id>-<period>\n"
	"  --lang zh|en|bi    document language (default zh)\n"
	"  --only KIND,...    rebuild only these outputs of an existing pack built from\n"
	"                     the same data; KIND: model, policy, organisation-procedure,\n"
	"                     objectives-procedure, objectives, target-form, review-form,\n"
	"                     kpi-table, review-minutes, soa, registers, commitment,\n"
	"                     appointments, policy-communication\n"
	"  --sign-key FILE    PEM private key (mode 600), or a PKCS#12 file\n"
	"  --sign-cert FILE   PEM certificate of the key (omit for PKCS#12)\n"
	"  --sign-chain FILE  PEM intermediate certificates\n"
	"  --sign-pass-file F / --sign-pass-env VAR   the key's passphrase (or PIN)\n"
	"  --sign-pkcs11 URI  sign with a key on a smart card or HSM, named by an RFC 7512\n"
	"                     pkcs11: URI (token=...;object=...); PIN from the URI's\n"
	"                     pin-source/pin-value, --sign-pass-*, or a prompt\n"
	"  --sign-pkcs11-module PATH  the PKCS#11 module (default: p11-kit's modules)\n"
	"  --sign-as ROLE     the signer's role: drafter, reviewer, approver (or the\n"
	"                     organisation's own id), recorded in the signature\n"
	"  --sign-visible     draw the signer's name, role and time into the role's cell\n"
	"                     of the cover's approval box (needs --sign-as)\n"
	"  --unsigned         rebuild a signed pack without signing it (else refused)\n"
	"  --previous DIR     the pack to compare controlled documents with (default:\n"
	"                     the pack being replaced): content changed under the same\n"
	"                     version is refused; a new version gets 13-amendments.pdf\n"
	"  --draft            build even when a controlled document changed unversioned\n"
	"  --templates DIR    document templates to use instead of the installed ones\n"
	"  --jobs N           build N organisations at a time\n"
	"  --shard K/N        build only the K-th of N deterministic shares of the inputs\n"
	"  --wait             wait for another run's lock instead of exiting 75\n"
	"  --quiet            print only problems\n"
	"\n"
	"exit status: 0 ok, 64 usage, 65 invalid data (or a failed verification),\n"
	"             66 unreadable input, 69 fonts not installed, 70 internal error,\n"
	"             73 output cannot be\n"
	"             written, 75 output folder locked by another run\n";

static int
usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

static int
cmd_validate(int argc, char **argv)
{
	int worst = 0;
	/* validate [--lang en|bi] FILE...: with a language, every text without English
	 * is listed at its file:line:col */
	const char *lang = NULL;
	/* --templates DIR: the custom clauses' ids are checked against these templates,
	 * as a build with the same option uses them (else the installed ones) */
	const char *templates = NULL;
	while (argc >= 2 && (!strcmp(argv[0], "--lang") || !strcmp(argv[0], "--templates"))) {
		if (!strcmp(argv[0], "--templates")) {
			templates = argv[1];
		} else {
			lang = argv[1];
			if (strcmp(lang, "zh") && strcmp(lang, "en") && strcmp(lang, "bi")) {
				isms_diag(ISMS_ERROR, NULL, "--lang must be zh, en or bi, not \"%s\"", lang);
				return ISMS_EXIT_USAGE;
			}
		}
		argc -= 2;
		argv += 2;
	}
	if (argc < 1) {
		isms_diag(ISMS_ERROR, NULL, "validate: no input file given");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	for (int i = 0; i < argc; i++) {
		isms_org *org = NULL;
		int rc = isms_load(argv[i], &org);
		if (rc == 0)
			rc = isms_docs_check_custom(org, templates);
		if (rc == 0 && lang)
			isms_org_warn_no_english(org, lang, 1);
		if (rc == 0)
			printf("%s: valid (%zu objectives, %zu people, %zu documents)\n", argv[i],
			       org->nobjectives, org->npeople, org->ndocuments);
		worst = isms_exit_worse(worst, rc);
		isms_org_free(org);
	}
	return worst;
}

/* ---------- build ---------- */

static int
parse_shard(const char *s, int *k, int *n)
{
	char tail;
	return sscanf(s, "%d/%d%c", k, n, &tail) == 2 && *n >= 1 && *k >= 1 && *k <= *n ? 0 : -1;
}

/* The signing options every signing command takes (build, sign-pdf, sign). */
#define SIGN_LONGOPTS \
	{"sign-key", required_argument, NULL, 'K'}, {"sign-cert", required_argument, NULL, 'C'}, \
	{"sign-chain", required_argument, NULL, 'H'}, \
	{"sign-pass-file", required_argument, NULL, 'P'}, \
	{"sign-pass-env", required_argument, NULL, 'E'}, \
	{"sign-pkcs11", required_argument, NULL, 'X'}, \
	{"sign-pkcs11-module", required_argument, NULL, 'M'}, \
	{"sign-as", required_argument, NULL, 'R'}, {"sign-visible", no_argument, NULL, 'G'},

/* Record a signing option (getopt's c and its argument); 0 when c is none. */
static int
sign_option(int c, const char *arg, isms_sign_opts *so)
{
	switch (c) {
	case 'K': so->key = arg; return 1;
	case 'C': so->cert = arg; return 1;
	case 'H': so->chain = arg; return 1;
	case 'P': so->pass_file = arg; return 1;
	case 'E': so->pass_env = arg; return 1;
	case 'X': so->pkcs11_uri = arg; return 1;
	case 'M': so->pkcs11_module = arg; return 1;
	case 'R': so->role = arg; return 1;
	case 'G': so->visible = 1; return 1;
	default: return 0;
	}
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"period", required_argument, NULL, 'p'}, {"out", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'}, {"only", required_argument, NULL, 'O'},
		{"quiet", no_argument, NULL, 'q'}, {"wait", no_argument, NULL, 'w'},
		{"jobs", required_argument, NULL, 'j'}, {"shard", required_argument, NULL, 's'},
		{"templates", required_argument, NULL, 'T'},
		{"unsigned", no_argument, NULL, 'U'},
		{"draft", no_argument, NULL, 'D'}, {"previous", required_argument, NULL, 'V'},
		SIGN_LONGOPTS
		{NULL, 0, NULL, 0},
	};
	isms_build_opts o = {0};
	isms_sign_opts so = {0};
	o.lang = "zh";
	o.jobs = 1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:o:l:qj:", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': o.period_text = optarg; break;
		case 'o': o.out = optarg; break;
		case 'l': o.lang = optarg; break;
		case 'O': o.only = optarg; break;
		case 'q': o.quiet = 1; break;
		case 'w': o.wait = 1; break;
		case 'j': o.jobs = atoi(optarg); break;
		case 's':
			if (parse_shard(optarg, &o.shard_k, &o.shard_n) < 0) {
				isms_diag(ISMS_ERROR, NULL, "--shard takes K/N with 1 <= K <= N, not \"%s\"", optarg);
				return ISMS_EXIT_USAGE;
			}
			break;
		case 'T': o.templates = optarg; break;
		case 'U': o.unsigned_ok = 1; break;
		case 'D': o.draft = 1; break;
		case 'V': o.previous = optarg; break;
		default:
			if (!sign_option(c, optarg, &so))
				return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (optind >= argc || !o.period_text || !o.out) {
		isms_diag(ISMS_ERROR, NULL, "build needs at least one FILE, --period and --out");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	if (strcmp(o.lang, "zh") && strcmp(o.lang, "en") && strcmp(o.lang, "bi")) {
		isms_diag(ISMS_ERROR, NULL, "--lang must be zh, en or bi, not \"%s\"", o.lang);
		return ISMS_EXIT_USAGE;
	}
	/* For cron: the quarter or month that ended last, by today's date. */
	static char relative[48];
	if (!strcmp(o.period_text, "prev-quarter") || !strcmp(o.period_text, "prev-month")) {
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		int y = tm.tm_year + 1900, m = tm.tm_mon + 1;
		if (o.period_text[5] == 'q') {
			int q = (m - 1) / 3;
			snprintf(relative, sizeof relative, "%04dQ%d", q ? y : y - 1, q ? q : 4);
		} else {
			snprintf(relative, sizeof relative, "%04d-%02d", m > 1 ? y : y - 1, m > 1 ? m - 1 : 12);
		}
		o.period_text = relative;
		o.period_relative = 1;
	}
	if (isms_period_parse(o.period_text, &o.period) < 0) {
		isms_diag(ISMS_ERROR, NULL, "--period \"%s\" is neither a quarter (2025Q4) nor a "
		          "month (2025-05)", o.period_text);
		return ISMS_EXIT_USAGE;
	}
	if (o.jobs < 1 || o.jobs > 64) {
		isms_diag(ISMS_ERROR, NULL, "--jobs takes a number from 1 to 64");
		return ISMS_EXIT_USAGE;
	}
	if (o.only && isms_build_check_only(o.only) < 0)
		return ISMS_EXIT_USAGE;
	if (isms_outdir_name_ok(o.out) < 0)
		return ISMS_EXIT_USAGE;
	int signing = so.key || so.pkcs11_uri;
	if (!signing && (so.cert || so.chain)) {
		isms_diag(ISMS_ERROR, NULL, "--sign-cert and --sign-chain need --sign-key");
		return ISMS_EXIT_USAGE;
	}
	if ((so.key && so.pkcs11_uri) || (so.pkcs11_module && !so.pkcs11_uri)) {
		isms_diag(ISMS_ERROR, NULL, "give either --sign-key or --sign-pkcs11 (with "
		          "--sign-pkcs11-module)");
		return ISMS_EXIT_USAGE;
	}
	if (signing && o.unsigned_ok) {
		isms_diag(ISMS_ERROR, NULL, "--unsigned and --sign-key contradict each other");
		return ISMS_EXIT_USAGE;
	}
	isms_diag_set_quiet(o.quiet);
	if (isms_pack_clock(&o.when) < 0)
		return ISMS_EXIT_USAGE;
	isms_signer *signer = NULL;
	if (signing && isms_signer_load(&signer, &so, o.when) < 0)
		return ISMS_EXIT_USAGE;
	/* Fonts before any work: without them nothing can be printed (one message, the
	 * previous pack untouched); with them, a character no font has is an error at
	 * its place in the data. */
	if (isms_typeset_fonts() < 0) {
		isms_signer_free(signer);
		return ISMS_EXIT_UNAVAILABLE;
	}
	isms_load_set_char_check(isms_typeset_refuse);
	o.signer = signer;
	int rc = isms_build_run(&o, argv + optind, argc - optind);
	isms_signer_free(signer);
	return rc;
}

/* ---------- sign-pdf ---------- */

/* The options of sign and sign-pdf (the signer's, nothing else), their operands
 * (exactly one with one, else at least one, from optind on), the clock and the
 * signer: 0, or the exit status after a message. */
static int
signer_from_args(int argc, char **argv, int one, time_t *when, isms_signer **signer)
{
	static const struct option longopts[] = {
		SIGN_LONGOPTS
		{NULL, 0, NULL, 0},
	};
	isms_sign_opts so = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
		if (!sign_option(c, optarg, &so))
			return usage(stderr, ISMS_EXIT_USAGE);
	if ((one ? optind != argc - 1 : optind >= argc) || !so.key == !so.pkcs11_uri)
		return usage(stderr, ISMS_EXIT_USAGE);
	if (isms_pack_clock(when) < 0 || isms_signer_load(signer, &so, *when) < 0)
		return ISMS_EXIT_USAGE;
	return 0;
}

static int
cmd_sign_pdf(int argc, char **argv)
{
	time_t when;
	isms_signer *signer = NULL;
	int rc = signer_from_args(argc, argv, 0, &when, &signer);
	if (rc)
		return rc;
	for (int i = optind; i < argc; i++)
		if (isms_pack_sign_pdf(signer, argv[i], when) < 0)
			rc = ISMS_EXIT_DATAERR;
	isms_signer_free(signer);
	return rc;
}

/* ---------- diff ---------- */

static int
cmd_diff(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"out", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0},
	};
	const char *pdf = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (c != 'o')
			return usage(stderr, ISMS_EXIT_USAGE);
		pdf = optarg;
	}
	if (optind != argc - 2)
		return usage(stderr, ISMS_EXIT_USAGE);
	isms_buf out = {0};
	int rc = isms_pack_diff(argv[optind], argv[optind + 1], pdf, &out);
	if (out.data)
		fputs(out.data, stdout);
	isms_buf_free(&out);
	return rc;
}

/* ---------- sign: one more signature over an existing pack's manifest ---------- */

static int
cmd_sign(int argc, char **argv)
{
	time_t when;
	isms_signer *signer = NULL;
	int rc = signer_from_args(argc, argv, 1, &when, &signer);
	if (rc)
		return rc;
	char name[32];
	rc = isms_pack_cosign(signer, argv[optind], when, name);
	if (rc == 0)
		isms_diag(ISMS_NOTE, NULL, "%s: signed as %s", argv[optind], name);
	isms_signer_free(signer);
	return rc;
}

/* ---------- verify ---------- */

struct verify_ctx {
	int quiet;
};

static void
print_finding(void *ctx, const char *file, int ok, const char *reason)
{
	struct verify_ctx *v = ctx;
	if (ok && v->quiet)
		return;
	printf("%-6s %s: %s\n", ok ? "OK" : "FAILED", file, reason);
}

static int
cmd_verify(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"ca", required_argument, NULL, 'c'}, {"quiet", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	const char *ca = NULL;
	struct verify_ctx v = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "q", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': ca = optarg; break;
		case 'q': v.quiet = 1; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (optind != argc - 1)
		return usage(stderr, ISMS_EXIT_USAGE);
	struct stat st;
	const char *arg = argv[optind];
	size_t al = strlen(arg);
	if (stat(arg, &st) == 0 && S_ISREG(st.st_mode) && al > 4 && !strcmp(arg + al - 4, ".pdf")) {
		/* One PDF: its embedded signature only. */
		return isms_pack_verify_pdf(arg, ca, print_finding, &v) < 0 ? ISMS_EXIT_DATAERR : 0;
	}
	if (stat(arg, &st) < 0 || !S_ISDIR(st.st_mode)) {
		isms_diag(ISMS_ERROR, NULL, "%s is not a pack folder or a PDF", arg);
		return ISMS_EXIT_NOINPUT;
	}
	char verdict[1024];
	int failures = isms_pack_verify(argv[optind], ca, print_finding, &v, verdict, sizeof verdict);
	printf("%s: %s\n", argv[optind], verdict);
	return failures ? ISMS_EXIT_DATAERR : 0;
}

/* ---------- workbook, import, collect (the input workbook, src/load/import.c) ---------- */

/* The workbook's document date: SOURCE_DATE_EPOCH when set (same bytes), else now. */
static time_t
doc_time(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	return e && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
}

static int
cmd_workbook(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"out", required_argument, NULL, 'o'}, {NULL, 0, NULL, 0},
	};
	const char *out = NULL;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		if (c != 'o')
			return usage(stderr, ISMS_EXIT_USAGE);
		out = optarg;
	}
	if (optind != argc - 1 || !out) {
		isms_diag(ISMS_ERROR, NULL, "workbook needs one FILE.xml and --out INPUT.xlsx");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	isms_org *org = NULL;
	int rc = isms_load(argv[optind], &org);
	if (rc)
		return rc;
	rc = isms_xlsx_input_workbook(org, NULL, doc_time(), out) < 0 ? ISMS_EXIT_CANTCREAT : 0;
	isms_org_free(org);
	return rc;
}

static int
cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"into", required_argument, NULL, 'i'}, {"replace", no_argument, NULL, 'r'},
		{NULL, 0, NULL, 0},
	};
	const char *into = NULL;
	int replace = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'i': into = optarg; break;
		case 'r': replace = 1; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (optind >= argc || !into) {
		isms_diag(ISMS_ERROR, NULL, "import needs at least one INPUT.xlsx and --into FILE.xml");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	return isms_import((const char *const *)argv + optind, argc - optind, into, replace);
}

/* Whether objective o has a row in a collection workbook for period p. */
static int
collects(const isms_objective *o, isms_period p)
{
	if (o->frequency == ISMS_FREQ_QUARTERLY)
		return p.kind == 'Q';
	return p.kind == 'M' || p.kind == 'Q';
}

static int
cmd_collect(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"period", required_argument, NULL, 'p'}, {"out", required_argument, NULL, 'o'},
		{"by", required_argument, NULL, 'b'}, {NULL, 0, NULL, 0},
	};
	const char *period = NULL, *out = NULL, *by = "unit";
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': period = optarg; break;
		case 'o': out = optarg; break;
		case 'b': by = optarg; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	isms_wb_filter f = {0};
	if (optind != argc - 1 || !period || !out) {
		isms_diag(ISMS_ERROR, NULL, "collect needs one FILE.xml, --period and --out DIR");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	if (strcmp(by, "unit") && strcmp(by, "reporter")) {
		isms_diag(ISMS_ERROR, NULL, "--by takes unit or reporter, not \"%s\"", by);
		return ISMS_EXIT_USAGE;
	}
	if (isms_period_parse(period, &f.period) < 0) {
		isms_diag(ISMS_ERROR, NULL, "--period \"%s\" is neither a quarter (2025Q4) nor a "
		          "month (2025-05)", period);
		return ISMS_EXIT_USAGE;
	}
	f.has_period = 1;
	isms_org *org = NULL;
	int rc = isms_load(argv[optind], &org);
	if (rc)
		return rc;
	if (f.period.year != org->objectives_year) {
		isms_diag(ISMS_ERROR, NULL, "--period %s is outside the objectives' year %d", period,
		          org->objectives_year);
		isms_org_free(org);
		return ISMS_EXIT_USAGE;
	}
	if (isms_fs_mkdir_p(out, 0755) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot create %s: %s", out, strerror(errno));
		isms_org_free(org);
		return ISMS_EXIT_CANTCREAT;
	}
	int by_unit = !strcmp(by, "unit"), files = 0;
	size_t n = by_unit ? org->nunits : org->npeople;
	for (size_t i = 0; i < n && !rc; i++) {
		f.unit = by_unit ? &org->units[i] : NULL;
		f.reporter = by_unit ? NULL : &org->people[i];
		int any = 0;
		for (size_t j = 0; j < org->nobjectives; j++) {
			const isms_objective *o = &org->objectives[j];
			any |= collects(o, f.period) &&
			       (by_unit ? o->owner_unit == f.unit : isms_wb_reporter(o) == f.reporter);
		}
		if (!any)
			continue;
		const char *id = by_unit ? f.unit->id : f.reporter->id;
		char path[PATH_MAX], tmp[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s-%s.xlsx", out, period, id);
		/* a fresh name of our own: never a file or link that was already there */
		snprintf(tmp, sizeof tmp, "%s/.%s-%s.XXXXXX", out, period, id);
		int tfd = mkstemp(tmp);
		if (tfd < 0) {
			isms_diag(ISMS_ERROR, NULL, "cannot write in %s: %s", out, strerror(errno));
			rc = ISMS_EXIT_CANTCREAT;
			break;
		}
		mode_t mask = umask(0);
		umask(mask);
		fchmod(tfd, 0666 & ~mask); /* mkstemp's 0600 would follow the file by mail */
		close(tfd);
		struct stat st;
		/* a returned file may sit here: never replace it */
		if (lstat(path, &st) == 0) {
			isms_diag(ISMS_ERROR, NULL, "%s exists; move it away (it may hold returned "
			          "entries) or choose another --out", path);
			rc = ISMS_EXIT_CANTCREAT;
			break;
		}
		if (isms_xlsx_input_workbook(org, &f, doc_time(), tmp) < 0 || rename(tmp, path) < 0) {
			unlink(tmp);
			rc = ISMS_EXIT_CANTCREAT;
			break;
		}
		isms_diag(ISMS_NOTE, NULL, "wrote %s for %s", path,
		          by_unit ? f.unit->name.zh : f.reporter->name.zh);
		files++;
	}
	if (!rc && !files)
		isms_diag(ISMS_WARNING, NULL, "no objective is measured in %s; nothing to collect", period);
	isms_org_free(org);
	return rc;
}

static int
cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"kind", required_argument, NULL, 'k'}, {"out", required_argument, NULL, 'o'},
		{"year", required_argument, NULL, 'y'}, {NULL, 0, NULL, 0},
	};
	const char *kind = NULL, *out = NULL;
	int c, year = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'k': kind = optarg; break;
		case 'o': out = optarg; break;
		case 'y': year = atoi(optarg); break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (!year) {
		time_t now = doc_time();
		struct tm tm;
		gmtime_r(&now, &tm);
		year = tm.tm_year + 1900;
	}
	isms_buf b = {0};
	if (optind != argc || !kind || !out || year < 1990 || year > 2200 ||
	    isms_skeleton(kind, year, &b) < 0) {
		isms_diag(ISMS_ERROR, NULL, "init needs --kind agency, school or company and --out "
		          "FILE.xml (--year from 1990 to 2200)");
		isms_buf_free(&b);
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	struct stat st;
	if (lstat(out, &st) == 0) {
		isms_diag(ISMS_ERROR, NULL, "%s exists; init writes only a new file", out);
		isms_buf_free(&b);
		return ISMS_EXIT_CANTCREAT;
	}
	int rc = 0;
	if (isms_fs_write_atomic(out, b.data, b.len) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", out, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
	}
	isms_buf_free(&b);
	return rc;
}

/* ---------- new-year: the next year's organisation (src/pack/newyear.c) ---------- */

static int
cmd_new_year(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"year", required_argument, NULL, 'y'}, {"out", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *out = NULL;
	int c, year = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'y': year = atoi(optarg); break;
		case 'o': out = optarg; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (optind != argc - 1 || !out || year < 1913 || year > 9999) {
		isms_diag(ISMS_ERROR, NULL, "new-year needs one FILE.xml, --year YYYY (the next "
		          "year) and --out NEW.xml");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	return isms_new_year(argv[optind], year, out);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, ISMS_EXIT_USAGE);
	/* Past a file-size limit, let write() fail with EFBIG and report it, rather
	 * than being killed half-way. */
	signal(SIGXFSZ, SIG_IGN);
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help"))
		return usage(stdout, 0);
	if (!strcmp(cmd, "--version")) {
		printf("ismspack %s\n", ISMS_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "validate"))
		return cmd_validate(argc - 2, argv + 2);
	if (!strcmp(cmd, "build"))
		return cmd_build(argc - 1, argv + 1);
	if (!strcmp(cmd, "diff"))
		return cmd_diff(argc - 1, argv + 1);
	if (!strcmp(cmd, "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(cmd, "sign-pdf"))
		return cmd_sign_pdf(argc - 1, argv + 1);
	if (!strcmp(cmd, "workbook"))
		return cmd_workbook(argc - 1, argv + 1);
	if (!strcmp(cmd, "import"))
		return cmd_import(argc - 1, argv + 1);
	if (!strcmp(cmd, "collect"))
		return cmd_collect(argc - 1, argv + 1);
	if (!strcmp(cmd, "init"))
		return cmd_init(argc - 1, argv + 1);
	if (!strcmp(cmd, "new-year"))
		return cmd_new_year(argc - 1, argv + 1);

	if (!strcmp(cmd, "sign"))
		return cmd_sign(argc - 1, argv + 1);
	isms_diag(ISMS_ERROR, NULL, "unknown command \"%s\"", cmd);
	return usage(stderr, ISMS_EXIT_USAGE);
}
