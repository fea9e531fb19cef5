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
#include "load/load.h"
#include "model/model.h"
#include "pack/pack.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "xlsx/xlsx.h"

static const char usage_text[] =
	"usage: ismspack validate FILE...\n"
	"       ismspack build FILE|FOLDER... --period PERIOD --out DIR [options]\n"
	"       ismspack verify DIR|FILE.pdf [--ca FILE]\n"
	"       ismspack sign-pdf FILE.pdf... --sign-key FILE [--sign-cert FILE ...]\n"
	"       ismspack --help | --version\n"
	"\n"
	"build options:\n"
	"  --period P         2025Q4 (a quarter), 2025-05 (a month), or prev-quarter /\n"
	"                     prev-month (the one that ended last, by today's date)\n"
	"  --out DIR          the pack folder; with several organisations, the folder\n"
	"                     that receives one pack per organisation: DIR/<id>-<period>\n"
	"  --lang zh|en|bi    document language (default zh)\n"
	"  --only KIND,...    rebuild only these outputs of an existing pack\n"
	"  --sign-key FILE    PEM private key (mode 600), or a PKCS#12 file\n"
	"  --sign-cert FILE   PEM certificate of the key (omit for PKCS#12)\n"
	"  --sign-chain FILE  PEM intermediate certificates\n"
	"  --sign-pass-file F / --sign-pass-env VAR   the key's passphrase\n"
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

/* The worse of two exit statuses for a summary: data errors outrank the rest. */
static int
worse(int a, int b)
{
	static const int rank[] = {ISMS_EXIT_OK, ISMS_EXIT_TEMPFAIL, ISMS_EXIT_NOINPUT,
		ISMS_EXIT_CANTCREAT, ISMS_EXIT_USAGE, ISMS_EXIT_DATAERR, ISMS_EXIT_UNAVAILABLE,
		ISMS_EXIT_SOFTWARE};
	int ra = 0, rb = 0;
	for (int i = 0; i < (int)(sizeof rank / sizeof *rank); i++) {
		if (rank[i] == a)
			ra = i;
		if (rank[i] == b)
			rb = i;
	}
	return ra >= rb ? a : b;
}

static int
cmd_validate(int argc, char **argv)
{
	int worst = 0;
	if (argc < 1) {
		isms_diag(ISMS_ERROR, NULL, "validate: no input file given");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	for (int i = 0; i < argc; i++) {
		isms_org *org = NULL;
		int rc = isms_load(argv[i], &org);
		if (rc == 0)
			printf("%s: valid (%zu objectives, %zu people, %zu documents)\n", argv[i],
			       org->nobjectives, org->npeople, org->ndocuments);
		worst = worse(worst, rc);
		isms_org_free(org);
	}
	return worst;
}

/* ---------- build ---------- */

struct build_opts {
	const char *period_text, *out, *lang, *only, *templates;
	isms_period period;
	isms_sign_opts sign;
	int signing, quiet, wait, jobs, shard_k, shard_n;
};

struct job {
	const isms_org *org;
	const struct build_opts *o;
	const char *dir;    /* the temporary pack folder */
	time_t when;        /* the date stamped into documents */
	isms_results *res;
};

/* Every output of a pack: a kind (for --only), a file name, its generator, and
 * for the index the register's document kind (or -1) and a title. */
struct output {
	const char *kind;
	const char *file;
	int (*make)(struct job *j, const char *path);
	int doc;
	const char *zh, *en;
};

static int
make_model(struct job *j, const char *path)
{
	isms_buf dump = {0};
	isms_org_dump(j->org, &dump);
	int rc = isms_fs_write_atomic(path, dump.data, dump.len);
	if (rc < 0)
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, strerror(errno));
	isms_buf_free(&dump);
	return rc;
}

static int
make_objectives(struct job *j, const char *path)
{
	return isms_xlsx_objectives(j->org, j->res, j->o->lang, j->when, path);
}

static int
make_registers(struct job *j, const char *path)
{
	return isms_xlsx_registers(j->org, isms_period_end(j->o->period), j->o->lang, j->when,
	                           path);
}

static int
make_doc(struct job *j, const char *path, int (*fn)(const isms_docctx *, const char *))
{
	isms_docctx c = {j->org, j->res, j->o->period, j->o->lang, j->when};
	return fn(&c, path);
}

static int make_target_form(struct job *j, const char *p) { return make_doc(j, p, isms_docs_target_form); }
static int make_review_form(struct job *j, const char *p) { return make_doc(j, p, isms_docs_review_form); }
static int make_kpi_table(struct job *j, const char *p) { return make_doc(j, p, isms_docs_kpi_table); }
static int make_minutes(struct job *j, const char *p) { return make_doc(j, p, isms_docs_minutes); }

static int
make_templated(struct job *j, const char *path, enum isms_doc_kind kind)
{
	isms_docctx c = {j->org, j->res, j->o->period, j->o->lang, j->when};
	return isms_docs_templated(&c, kind, j->o->templates, path);
}

static int make_policy(struct job *j, const char *p) { return make_templated(j, p, ISMS_DOC_POLICY); }
static int make_org_proc(struct job *j, const char *p) { return make_templated(j, p, ISMS_DOC_ORG_PROCEDURE); }
static int make_obj_proc(struct job *j, const char *p) { return make_templated(j, p, ISMS_DOC_OBJ_PROCEDURE); }
static int make_soa(struct job *j, const char *p) { return make_doc(j, p, isms_docs_soa); }

static const struct output outputs[] = {
	{"model", "00-model.txt", make_model, -1, "輸入資料（正規化）", "Input data (canonical dump)"},
	{"policy", "10-policy.pdf", make_policy, ISMS_DOC_POLICY, NULL, NULL},
	{"organisation-procedure", "11-organisation-procedure.pdf", make_org_proc, ISMS_DOC_ORG_PROCEDURE, NULL, NULL},
	{"objectives-procedure", "12-objectives-procedure.pdf", make_obj_proc, ISMS_DOC_OBJ_PROCEDURE, NULL, NULL},
	{"objectives", "20-objectives.xlsx", make_objectives, -1, "資通安全目標工作簿", "Objectives workbook"},
	{"target-form", "21-target-form.pdf", make_target_form, ISMS_DOC_TARGET_FORM, NULL, NULL},
	{"review-form", "22-review-form.pdf", make_review_form, ISMS_DOC_REVIEW_FORM, NULL, NULL},
	{"kpi-table", "23-kpi-table.pdf", make_kpi_table, ISMS_DOC_KPI_TABLE, NULL, NULL},
	{"review-minutes", "40-review-minutes.pdf", make_minutes, ISMS_DOC_MINUTES, NULL, NULL},
	{"soa", "50-soa.pdf", make_soa, ISMS_DOC_SOA, NULL, NULL},
	{"registers", "60-registers.xlsx", make_registers, -1, "資訊安全管理登錄表工作簿", "Registers workbook"},
};
#define NOUTPUTS (sizeof outputs / sizeof *outputs)

static int
selected(const char *only, const char *kind)
{
	if (!only)
		return 1;
	size_t k = strlen(kind);
	for (const char *p = only; *p;) {
		size_t n = strcspn(p, ",");
		if (n == k && !strncmp(p, kind, k))
			return 1;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* The date stamped into documents: SOURCE_DATE_EPOCH when set, else noon (UTC) of
 * the report period's last day, so that the same input gives the same bytes. */
static time_t
build_time(isms_period period)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return (time_t)v;
		isms_warn(NULL, "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds; ignored", e);
	}
	return (time_t)(isms_date_days(isms_period_end(period)) * 86400 + 43200);
}

/* Build one organisation's pack into target, atomically, under target's lock. */
static int
build_one(const char *input, const struct build_opts *o, const char *target,
          const isms_signer *signer)
{
	isms_org *org = NULL;
	int rc = isms_load(input, &org);
	if (rc)
		return rc;
	if (o->period.year != org->objectives_year) {
		isms_loc loc = {input, 0, 0};
		isms_diag(ISMS_ERROR, &loc, "--period %s is outside the objectives' year %d",
		          o->period_text, org->objectives_year);
		isms_org_free(org);
		return ISMS_EXIT_USAGE;
	}
	char path[PATH_MAX + 64], lockpath[PATH_MAX + 8];
	/* the folder that will hold the pack (and its lock) may not exist yet */
	snprintf(lockpath, sizeof lockpath, "%s", target);
	char *slash = strrchr(lockpath, '/');
	if (slash && slash != lockpath) {
		*slash = '\0';
		if (isms_fs_mkdir_p(lockpath, 0755) < 0) {
			isms_diag(ISMS_ERROR, NULL, "cannot create %s: %s", lockpath, strerror(errno));
			isms_org_free(org);
			return ISMS_EXIT_CANTCREAT;
		}
	}
	snprintf(lockpath, sizeof lockpath, "%s.lock", target);
	int lock = isms_fs_lock(lockpath, o->wait);
	if (lock < 0) {
		int e = errno;
		isms_org_free(org);
		if (e == EWOULDBLOCK) {
			isms_diag(ISMS_ERROR, NULL, "%s is being written by another ismspack run "
			          "(lock %s); try again later or pass --wait", target, lockpath);
			return ISMS_EXIT_TEMPFAIL;
		}
		isms_diag(ISMS_ERROR, NULL, "cannot lock %s: %s", lockpath, strerror(e));
		return ISMS_EXIT_CANTCREAT;
	}
	isms_fs_remove_stale_temps(target);
	char *tmp = isms_fs_temp_beside(target);
	if (!tmp) {
		isms_diag(ISMS_ERROR, NULL, "cannot create a temporary folder beside %s: %s",
		          target, strerror(errno));
		close(lock);
		isms_org_free(org);
		return ISMS_EXIT_CANTCREAT;
	}
	struct job j = {org, o, tmp, build_time(o->period), NULL};
	j.res = isms_calc(org, o->period);
	for (size_t i = 0; i < j.res->nwarnings; i++)
		isms_warn(&j.res->warning_objectives[i]->loc, "%s", j.res->warnings[i]);

	for (size_t i = 0; i < NOUTPUTS && rc == 0; i++) {
		snprintf(path, sizeof path, "%s/%s", tmp, outputs[i].file);
		if (!selected(o->only, outputs[i].kind)) {
			/* --only: keep the previous pack's file when there is one */
			char prev[PATH_MAX + 64];
			snprintf(prev, sizeof prev, "%s/%s", target, outputs[i].file);
			if (isms_fs_copy(prev, path) == 0)
				continue;
		}
		int made = outputs[i].make(&j, path);
		if (made == -2)
			rc = ISMS_EXIT_DATAERR; /* a template at fault, reported with its file:line */
		else if (made < 0)
			rc = ISMS_EXIT_CANTCREAT;
	}
	/* Every PDF carries its own signature, added before the manifest digests it. */
	for (size_t i = 0; i < NOUTPUTS && rc == 0 && signer; i++) {
		size_t l = strlen(outputs[i].file);
		if (l < 4 || strcmp(outputs[i].file + l - 4, ".pdf"))
			continue;
		snprintf(path, sizeof path, "%s/%s", tmp, outputs[i].file);
		if (selected(o->only, outputs[i].kind) && isms_pack_sign_pdf(signer, path, j.when) < 0)
			rc = ISMS_EXIT_SOFTWARE;
	}
	/* The index lists every file as it is published (PDFs already signed). */
	if (rc == 0) {
		isms_index_entry ent[NOUTPUTS];
		size_t ne = 0;
		for (size_t i = 0; i < NOUTPUTS; i++) {
			isms_index_entry *e = &ent[ne];
			memset(e, 0, sizeof *e);
			snprintf(path, sizeof path, "%s/%s", tmp, outputs[i].file);
			if (isms_sha256_file(path, e->sha256, NULL) < 0)
				continue;
			e->file = outputs[i].file;
			const isms_document *reg = outputs[i].doc >= 0
				? isms_org_document_of_kind(org, (enum isms_doc_kind)outputs[i].doc) : NULL;
			if (reg) {
				e->number = reg->number;
				e->version = reg->version;
				e->title = reg->title;
			} else {
				e->title = (isms_text){outputs[i].zh ? outputs[i].zh : outputs[i].file, outputs[i].en};
			}
			size_t fl = strlen(outputs[i].file);
			e->pages = fl > 4 && !strcmp(outputs[i].file + fl - 4, ".pdf") ? isms_pdf_page_count(path) : -1;
			ne++;
		}
		isms_docctx ic = {org, j.res, o->period, o->lang, j.when};
		snprintf(path, sizeof path, "%s/01-index.pdf", tmp);
		int made = isms_docs_index(&ic, ent, ne, path);
		if (made == -2)
			rc = ISMS_EXIT_DATAERR;
		else if (made < 0)
			rc = ISMS_EXIT_CANTCREAT;
		else if (signer && isms_pack_sign_pdf(signer, path, j.when) < 0)
			rc = ISMS_EXIT_SOFTWARE;
	}
	if (rc == 0 && isms_pack_manifest(tmp, org, o->period_text) < 0)
		rc = ISMS_EXIT_CANTCREAT;
	if (rc == 0 && signer && isms_pack_sign_manifest(signer, tmp, j.when) < 0)
		rc = ISMS_EXIT_SOFTWARE;
	if (rc == 0 && isms_fs_publish_dir(tmp, target) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot publish %s: %s (the previous pack is intact)",
		          target, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
	}
	if (rc) {
		isms_fs_remove_tree(tmp);
		if (rc == ISMS_EXIT_CANTCREAT)
			isms_diag(ISMS_ERROR, NULL, "%s was not changed", target);
	}
	free(tmp);
	isms_results_free(j.res);
	isms_org_free(org);
	close(lock);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Inputs: files as given; a folder contributes its *.xml and each subfolder's
 * organisation.xml. */
static char **
collect_inputs(char **args, int n, size_t *count)
{
	size_t cap = 16, k = 0;
	char **v = isms_xmalloc(cap * sizeof *v);
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			DIR *d = opendir(args[i]);
			struct dirent *e;
			size_t first = k;
			while (d && (e = readdir(d))) {
				if (e->d_name[0] == '.')
					continue;
				char p[PATH_MAX + 300];
				size_t l = strlen(e->d_name);
				if (l > 4 && !strcmp(e->d_name + l - 4, ".xml"))
					snprintf(p, sizeof p, "%s/%s", args[i], e->d_name);
				else
					snprintf(p, sizeof p, "%s/%s/organisation.xml", args[i], e->d_name);
				if (stat(p, &st) != 0 || !S_ISREG(st.st_mode))
					continue;
				if (k == cap)
					v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
				v[k++] = isms_xstrdup(p);
			}
			if (d)
				closedir(d);
			qsort(v + first, k - first, sizeof *v, cmp_str);
			continue;
		}
		if (k == cap)
			v = isms_xrealloc(v, (cap *= 2) * sizeof *v);
		v[k++] = isms_xstrdup(args[i]);
	}
	*count = k;
	return v;
}

/* The pack folder of an input in a batch: DIR/<organisation id>-<period>. */
static char *
batch_target(const char *input, const struct build_opts *o)
{
	char name[PATH_MAX];
	/* The id is read cheaply from the file name's folder; the loader checks the rest. */
	const char *slash = strrchr(input, '/');
	const char *base = slash ? slash + 1 : input;
	if (!strcmp(base, "organisation.xml") && slash) {
		const char *s2 = slash;
		while (s2 > input && s2[-1] != '/')
			s2--;
		snprintf(name, sizeof name, "%.*s", (int)(slash - s2), s2);
	} else {
		snprintf(name, sizeof name, "%.*s", (int)(strcspn(base, ".")), base);
	}
	char *t = isms_xmalloc(strlen(o->out) + strlen(name) + strlen(o->period_text) + 4);
	sprintf(t, "%s/%s-%s", o->out, name, o->period_text);
	return t;
}

static int
parse_shard(const char *s, int *k, int *n)
{
	char tail;
	return sscanf(s, "%d/%d%c", k, n, &tail) == 2 && *n >= 1 && *k >= 1 && *k <= *n ? 0 : -1;
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"period", required_argument, NULL, 'p'}, {"out", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'}, {"only", required_argument, NULL, 'O'},
		{"quiet", no_argument, NULL, 'q'}, {"wait", no_argument, NULL, 'w'},
		{"jobs", required_argument, NULL, 'j'}, {"shard", required_argument, NULL, 's'},
		{"sign-key", required_argument, NULL, 'K'}, {"sign-cert", required_argument, NULL, 'C'},
		{"sign-chain", required_argument, NULL, 'H'},
		{"sign-pass-file", required_argument, NULL, 'P'},
		{"sign-pass-env", required_argument, NULL, 'E'},
		{"templates", required_argument, NULL, 'T'},
		{NULL, 0, NULL, 0},
	};
	struct build_opts o = {0};
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
		case 'K': o.sign.key = optarg; o.signing = 1; break;
		case 'C': o.sign.cert = optarg; break;
		case 'H': o.sign.chain = optarg; break;
		case 'P': o.sign.pass_file = optarg; break;
		case 'E': o.sign.pass_env = optarg; break;
		case 'T': o.templates = optarg; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
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
	if (o.only) {
		for (const char *p = o.only; *p;) {
			size_t n = strcspn(p, ",");
			int known = 0;
			for (size_t i = 0; i < NOUTPUTS; i++)
				known |= strlen(outputs[i].kind) == n && !strncmp(p, outputs[i].kind, n);
			if (!known) {
				isms_diag(ISMS_ERROR, NULL, "--only: unknown kind \"%.*s\"", (int)n, p);
				return ISMS_EXIT_USAGE;
			}
			p += n + (p[n] == ',');
		}
	}
	if (o.signing == 0 && (o.sign.cert || o.sign.chain)) {
		isms_diag(ISMS_ERROR, NULL, "--sign-cert and --sign-chain need --sign-key");
		return ISMS_EXIT_USAGE;
	}
	isms_diag_set_quiet(o.quiet);
	isms_signer *signer = NULL;
	if (o.signing && isms_signer_load(&signer, &o.sign) < 0)
		return ISMS_EXIT_USAGE;

	/* Fonts before any work: without them nothing can be printed (one message, the
	 * previous pack untouched); with them, a character no font has is an error at
	 * its place in the data. */
	if (isms_typeset_fonts() < 0) {
		isms_signer_free(signer);
		return ISMS_EXIT_UNAVAILABLE;
	}
	isms_load_set_char_check(isms_typeset_refuse);

	size_t n;
	char **inputs = collect_inputs(argv + optind, argc - optind, &n);
	int batch = n > 1 || o.shard_n > 0;
	for (int i = optind; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			batch = 1;
	}
	if (batch && isms_fs_mkdir_p(o.out, 0755) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot create %s: %s", o.out, strerror(errno));
		return ISMS_EXIT_CANTCREAT;
	}
	int worst = 0, failed = 0, done = 0, running = 0, todo = 0;
	int tty = isatty(2) && !o.quiet;
	pid_t *pids = isms_xcalloc(n ? n : 1, sizeof *pids);
	int *status = isms_xcalloc(n ? n : 1, sizeof *status);
	for (size_t i = 0; i < n; i++)
		if (!o.shard_n || (int)(i % (size_t)o.shard_n) == o.shard_k - 1)
			todo++;
	for (size_t i = 0; i < n; i++) {
		if (o.shard_n && (int)(i % (size_t)o.shard_n) != o.shard_k - 1) {
			pids[i] = -1;
			continue;
		}
		char *target = batch ? batch_target(inputs[i], &o) : isms_xstrdup(o.out);
		if (o.jobs == 1) {
			status[i] = build_one(inputs[i], &o, target, signer);
			pids[i] = 0;
			done++;
			if (tty)
				fprintf(stderr, "\r[%d/%d] %s\033[K", done, todo, inputs[i]);
		} else {
			while (running >= o.jobs) {
				int st;
				pid_t p = wait(&st);
				for (size_t k = 0; k < i; k++)
					if (pids[k] == p) {
						status[k] = WIFEXITED(st) ? WEXITSTATUS(st) : ISMS_EXIT_SOFTWARE;
						pids[k] = 0;
					}
				running--;
				done++;
				if (tty)
					fprintf(stderr, "\r[%d/%d]\033[K", done, todo);
			}
			fflush(NULL);
			pid_t p = fork();
			if (p == 0)
				_exit(build_one(inputs[i], &o, target, signer));
			if (p < 0) {
				status[i] = build_one(inputs[i], &o, target, signer);
				pids[i] = 0;
			} else {
				pids[i] = p;
				running++;
			}
		}
		free(target);
	}
	while (running > 0) {
		int st;
		pid_t p = wait(&st);
		if (p < 0)
			break;
		for (size_t k = 0; k < n; k++)
			if (pids[k] == p) {
				status[k] = WIFEXITED(st) ? WEXITSTATUS(st) : ISMS_EXIT_SOFTWARE;
				pids[k] = 0;
			}
		running--;
	}
	if (tty && todo > 0)
		fputs("\r\033[K", stderr);
	for (size_t i = 0; i < n; i++) {
		if (pids[i] == -1)
			continue;
		if (status[i]) {
			failed++;
			if (batch)
				isms_diag(ISMS_ERROR, NULL, "%s: failed (exit %d)", inputs[i], status[i]);
		}
		worst = worse(worst, status[i]);
	}
	if (batch && (!o.quiet || failed))
		fprintf(stderr, "ismspack: %d organisation%s: %d built, %d failed\n", todo,
		        todo == 1 ? "" : "s", todo - failed, failed);
	for (size_t i = 0; i < n; i++)
		free(inputs[i]);
	free(inputs);
	free(pids);
	free(status);
	isms_signer_free(signer);
	return worst;
}

/* ---------- sign-pdf ---------- */

static int
cmd_sign_pdf(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"sign-key", required_argument, NULL, 'K'}, {"sign-cert", required_argument, NULL, 'C'},
		{"sign-chain", required_argument, NULL, 'H'},
		{"sign-pass-file", required_argument, NULL, 'P'},
		{"sign-pass-env", required_argument, NULL, 'E'},
		{NULL, 0, NULL, 0},
	};
	isms_sign_opts so = {0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'K': so.key = optarg; break;
		case 'C': so.cert = optarg; break;
		case 'H': so.chain = optarg; break;
		case 'P': so.pass_file = optarg; break;
		case 'E': so.pass_env = optarg; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (optind >= argc || !so.key)
		return usage(stderr, ISMS_EXIT_USAGE);
	isms_signer *signer = NULL;
	if (isms_signer_load(&signer, &so) < 0)
		return ISMS_EXIT_USAGE;
	/* Outside a build there is no period: SOURCE_DATE_EPOCH, else now. */
	const char *e = getenv("SOURCE_DATE_EPOCH");
	time_t when = e && *e ? (time_t)strtoll(e, NULL, 10) : time(NULL);
	int rc = 0;
	for (int i = optind; i < argc; i++)
		if (isms_pack_sign_pdf(signer, argv[i], when) < 0)
			rc = ISMS_EXIT_DATAERR;
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
		char reason[300];
		int bad = isms_pack_verify_pdf(arg, ca, reason, sizeof reason) < 0;
		printf("%-6s %s: %s\n", bad ? "FAILED" : "OK", arg, reason);
		return bad ? ISMS_EXIT_DATAERR : 0;
	}
	if (stat(arg, &st) < 0 || !S_ISDIR(st.st_mode)) {
		isms_diag(ISMS_ERROR, NULL, "%s is not a pack folder or a PDF", arg);
		return ISMS_EXIT_NOINPUT;
	}
	int failures = isms_pack_verify(argv[optind], ca, print_finding, &v);
	printf("%s: %s\n", argv[optind], failures ? "FAILED" : "complete and unaltered");
	return failures ? ISMS_EXIT_DATAERR : 0;
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
	if (!strcmp(cmd, "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(cmd, "sign-pdf"))
		return cmd_sign_pdf(argc - 1, argv + 1);
	isms_diag(ISMS_ERROR, NULL, "unknown command \"%s\"", cmd);
	return usage(stderr, ISMS_EXIT_USAGE);
}
