/* Building packs (pack layer, the end of the flow): each organisation is loaded,
 * computed, rendered into a private temporary folder beside its pack, signed,
 * listed in the index and the manifest, and swapped in whole; batches run several
 * organisations, in child processes with --jobs. */
#define _GNU_SOURCE
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "calc/calc.h"
#include "docs/docs.h"
#include "load/load.h"
#include "pack/control.h"
#include "pack/outdir.h"
#include "pdf/pdf.h"
#include "typeset/pages.h"
#include "xlsx/xlsx.h"

/* build_one's status for an organisation a relative period does not apply to */
#define SKIPPED 1

struct job {
	const isms_org *org;
	const isms_build_opts *o;
	time_t when;        /* the date stamped into documents */
	isms_results *res;
	isms_ctl_text *ctl; /* the controlled documents' text as this build writes it */
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
		isms_error(NULL, "cannot write %s: %s", path, strerror(errno));
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
	isms_docctx c = {j->org, j->res, j->o->period, j->o->lang, j->when, NULL};
	return fn(&c, path);
}

static int make_target_form(struct job *j, const char *p) { return make_doc(j, p, isms_docs_target_form); }
static int make_review_form(struct job *j, const char *p) { return make_doc(j, p, isms_docs_review_form); }
static int make_kpi_table(struct job *j, const char *p) { return make_doc(j, p, isms_docs_kpi_table); }
static int make_minutes(struct job *j, const char *p) { return make_doc(j, p, isms_docs_minutes); }
static int make_soa(struct job *j, const char *p) { return make_doc(j, p, isms_docs_soa); }

static int
make_templated(struct job *j, const char *path, enum isms_doc_kind kind)
{
	isms_buf text = {0};
	isms_docctx c = {j->org, j->res, j->o->period, j->o->lang, j->when, &text};
	int rc = isms_docs_templated(&c, kind, j->o->templates, path);
	if (rc == 0) {
		const isms_document *reg = isms_org_document_of_kind(j->org, kind);
		isms_ctl_set(j->ctl, strrchr(path, '/') + 1, reg ? reg->number : NULL,
		             reg ? reg->version : NULL, reg ? reg->title.zh : NULL, text.data);
	}
	isms_buf_free(&text);
	return rc;
}

static int make_policy(struct job *j, const char *p) { return make_templated(j, p, ISMS_DOC_POLICY); }
static int make_org_proc(struct job *j, const char *p) { return make_templated(j, p, ISMS_DOC_ORG_PROCEDURE); }
static int make_obj_proc(struct job *j, const char *p) { return make_templated(j, p, ISMS_DOC_OBJ_PROCEDURE); }

/* The clause 5 leadership documents: made when the register lists them (the loader
 * has checked that their data is there), controlled like the templated ones. */
static int
make_leader(struct job *j, const char *path, enum isms_doc_kind kind,
            int (*fn)(const isms_docctx *, const char *, const char *))
{
	const isms_document *reg = isms_org_document_of_kind(j->org, kind);
	if (!reg)
		return 0; /* not in this organisation's register: not in its pack */
	isms_buf text = {0};
	isms_docctx c = {j->org, j->res, j->o->period, j->o->lang, j->when, &text};
	int rc = fn(&c, j->o->templates, path);
	if (rc == 0)
		isms_ctl_set(j->ctl, strrchr(path, '/') + 1, reg->number, reg->version, reg->title.zh,
		             text.data);
	isms_buf_free(&text);
	return rc;
}

static int make_commitment(struct job *j, const char *p) { return make_leader(j, p, ISMS_DOC_COMMITMENT, isms_docs_commitment); }
static int make_appointments(struct job *j, const char *p) { return make_leader(j, p, ISMS_DOC_APPOINTMENTS, isms_docs_appointments); }
static int make_policy_comm(struct job *j, const char *p) { return make_leader(j, p, ISMS_DOC_POLICY_COMM, isms_docs_policy_communication); }

static const struct output outputs[] = {
	{"model", "00-model.txt", make_model, -1, "輸入資料（正規化）", "Input data (canonical dump)"},
	{"policy", "10-policy.pdf", make_policy, ISMS_DOC_POLICY, NULL, NULL},
	{"organisation-procedure", "11-organisation-procedure.pdf", make_org_proc, ISMS_DOC_ORG_PROCEDURE, NULL, NULL},
	{"objectives-procedure", "12-objectives-procedure.pdf", make_obj_proc, ISMS_DOC_OBJ_PROCEDURE, NULL, NULL},
	/* made by render itself, after the documents they describe (kind NULL: not for --only) */
	{NULL, ISMS_CTL_FILE, NULL, -1, "受控文件內容（修正對照之依據）", "Text of the controlled documents"},
	{NULL, "13-amendments.pdf", NULL, -1, "修正對照表", "Amendment tables"},
	{"commitment", "14-commitment.pdf", make_commitment, ISMS_DOC_COMMITMENT, NULL, NULL},
	{"appointments", "15-appointments.pdf", make_appointments, ISMS_DOC_APPOINTMENTS, NULL, NULL},
	{"policy-communication", "16-policy-communication.pdf", make_policy_comm, ISMS_DOC_POLICY_COMM, NULL, NULL},
	{"objectives", "20-objectives.xlsx", make_objectives, -1, "資通安全目標工作簿", "Objectives workbook"},
	{"target-form", "21-target-form.pdf", make_target_form, ISMS_DOC_TARGET_FORM, NULL, NULL},
	{"review-form", "22-review-form.pdf", make_review_form, ISMS_DOC_REVIEW_FORM, NULL, NULL},
	{"kpi-table", "23-kpi-table.pdf", make_kpi_table, ISMS_DOC_KPI_TABLE, NULL, NULL},
	{"review-minutes", "40-review-minutes.pdf", make_minutes, ISMS_DOC_MINUTES, NULL, NULL},
	{"soa", "50-soa.pdf", make_soa, ISMS_DOC_SOA, NULL, NULL},
	{"registers", "60-registers.xlsx", make_registers, -1, "資訊安全管理登錄表工作簿", "Registers workbook"},
};
#define NOUTPUTS (sizeof outputs / sizeof *outputs)

const char *
isms_build_kinds(void)
{
	static char list[512];
	if (!list[0])
		for (size_t i = 0; i < NOUTPUTS; i++)
			if (outputs[i].kind)
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				         list[0] ? "," : "", outputs[i].kind);
	return list;
}

/* Is an output of this kind made by this run?  Outputs without a kind always are. */
static int
selected(const char *only, const char *kind)
{
	if (!only || !kind)
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

int
isms_build_check_only(const char *only)
{
	for (const char *p = only; *p;) {
		size_t n = strcspn(p, ",");
		int known = 0;
		for (size_t i = 0; i < NOUTPUTS; i++)
			known |= outputs[i].kind && strlen(outputs[i].kind) == n &&
			         !strncmp(p, outputs[i].kind, n);
		if (!known) {
			isms_error(NULL, "--only: unknown kind \"%.*s\" (known: %s)", (int)n, p,
			           isms_build_kinds());
			return -1;
		}
		p += n + (p[n] == ',');
	}
	return 0;
}

static int
is_pdf(const char *file)
{
	size_t l = strlen(file);
	return l > 4 && !strcmp(file + l - 4, ".pdf");
}

/* --only keeps the other files of the existing pack: allowed only when that pack
 * was built from the same inputs, period and language, so nothing kept goes stale.
 * 0 ok, or an exit status after naming the files that would no longer match. */
static int
only_is_safe(const struct job *j, const char *target, const char *shown)
{
	const isms_build_opts *o = j->o;
	char path[PATH_MAX + 32];
	int later = isms_pack_later_signers(target);
	if (later > 0) {
		isms_error(NULL, "--only %s: the pack %s carries the signatures of %d later signer%s "
		           "(ismspack sign) in its manifest and PDFs, which a partial rebuild cannot "
		           "keep; rebuild the whole pack (without --only) and have them sign again",
		           o->only, shown, later, later == 1 ? "" : "s");
		return ISMS_EXIT_USAGE;
	}
	snprintf(path, sizeof path, "%s/manifest.json", target);
	char *old = isms_fs_read_file(path, NULL, 1u << 20);
	if (!old)
		return 0; /* no pack yet: every output is built */
	isms_buf want = {0};
	isms_buf_puts(&want, "\"period\": ");
	isms_buf_put_json(&want, o->period_text);
	isms_buf_puts(&want, ",\n  \"lang\": ");
	isms_buf_put_json(&want, o->lang);
	const char *why = NULL;
	if (!strstr(old, want.data))
		why = "another period or language";
	isms_buf_clear(&want);
	isms_buf_puts(&want, "\"inputs\": ");
	if (!why && (isms_pack_inputs_json(j->org, &want) < 0 || !strstr(old, want.data)))
		why = "other input data (the inputs' digests in its manifest differ)";
	isms_buf_free(&want);
	free(old);
	if (!why)
		return 0;
	isms_buf stale = {0};
	for (size_t i = 0; i < NOUTPUTS; i++)
		if (!selected(o->only, outputs[i].kind))
			isms_buf_printf(&stale, "%s%s", stale.len ? ", " : "", outputs[i].file);
	isms_error(NULL, "--only %s: the pack %s was built from %s; kept as they are, %s would "
	           "describe the old data; rebuild the whole pack (without --only)", o->only, shown, why, stale.data ? stale.data : "");
	isms_buf_free(&stale);
	return ISMS_EXIT_USAGE;
}

/* The controlled documents (ISO/IEC 27001 7.5.3): their text may change only under a
 * new version. */
static int
controlled(const struct output *out)
{
	return out->make == make_policy || out->make == make_org_proc || out->make == make_obj_proc ||
	       out->make == make_commitment || out->make == make_appointments ||
	       out->make == make_policy_comm;
}

/* Document control: the controlled documents rebuilt now are compared with the
 * previous pack's text (--previous, else the pack being replaced).  Content changed
 * under an unchanged version is an error (a warning with --draft); a new version
 * gets its amendment table.  Then the text file is written, holding the kept
 * documents' text from the replaced pack.  0 or an exit status. */
static int
control(struct job *j, const char *dir, const char *target)
{
	const isms_build_opts *o = j->o;
	isms_ctl_text *kept = NULL, *prev = NULL;
	if (isms_ctl_read(target, &kept) < 0)
		return ISMS_EXIT_DATAERR;
	if (o->previous && isms_ctl_read(o->previous, &prev) < 0) {
		isms_ctl_free(kept);
		return ISMS_EXIT_DATAERR;
	}
	const char *from = o->previous ? o->previous : target;
	if (!o->previous)
		prev = kept;
	int rc = 0;
	isms_arena *a = isms_arena_new();
	isms_amendment am[NOUTPUTS];
	size_t nam = 0;
	for (size_t i = 0; i < NOUTPUTS; i++) {
		if (!controlled(&outputs[i]))
			continue;
		const isms_ctl_doc *now = isms_ctl_find(j->ctl, outputs[i].file);
		if (!now) {
			/* kept by --only: its text stays as the replaced pack recorded it */
			const isms_ctl_doc *k = isms_ctl_find(kept, outputs[i].file);
			if (k)
				isms_ctl_set(j->ctl, k->file, k->number, k->version, k->title, k->body);
			continue;
		}
		const isms_ctl_doc *was = isms_ctl_find(prev, outputs[i].file);
		if (!was || strcmp(prev->lang, o->lang) || !strcmp(was->body, now->body))
			continue;
		const isms_document *reg = isms_org_document_of_kind(j->org,
		                                                     (enum isms_doc_kind)outputs[i].doc);
		isms_amend_row *rows;
		size_t nrows = isms_ctl_diff(was->body, now->body, o->lang, a, &rows);
		if (!nrows)
			continue;
		if (!strcmp(was->version, now->version)) {
			isms_buf what = {0};
			for (size_t k = 0; k < nrows && k < 4; k++) {
				const char *t = *rows[k].new_text ? rows[k].new_text : rows[k].old_text;
				isms_buf_printf(&what, "%s%.*s", k ? "; " : "", (int)strcspn(t, "\n"), t);
			}
			if (nrows > 4)
				isms_buf_printf(&what, "; and %zu more", nrows - 4);
			isms_diag(o->draft ? ISMS_WARNING : ISMS_ERROR, reg ? &reg->loc : NULL,
			          "%s %s: its content differs from the pack in %s (%zu clause%s: %s) "
			          "but its version is still %s: add a revision with a new version to "
			          "this register entry%s", outputs[i].file, now->number, from, nrows,
			          nrows == 1 ? "" : "s", what.data, now->version,
			          o->draft ? " (--draft: built anyway)" : ", or build a draft with --draft");
			isms_buf_free(&what);
			if (!o->draft)
				rc = ISMS_EXIT_DATAERR;
			continue;
		}
		am[nam++] = (isms_amendment){reg, outputs[i].file,
			isms_arena_strdup(a, was->version), rows, nrows};
	}
	char path[PATH_MAX + 64];
	if (rc == 0 && nam) {
		isms_docctx c = {j->org, j->res, o->period, o->lang, j->when, NULL};
		snprintf(path, sizeof path, "%s/13-amendments.pdf", dir);
		if (isms_docs_amendments(&c, am, nam, path) < 0)
			rc = ISMS_EXIT_CANTCREAT;
	}
	if (rc == 0) {
		isms_buf b = {0};
		isms_ctl_write(j->ctl, &b);
		snprintf(path, sizeof path, "%s/%s", dir, ISMS_CTL_FILE);
		if (isms_fs_write_atomic(path, b.data, b.len) < 0) {
			isms_error(NULL, "cannot write %s: %s", path, strerror(errno));
			rc = ISMS_EXIT_CANTCREAT;
		}
		isms_buf_free(&b);
	}
	isms_arena_free(a);
	if (prev != kept)
		isms_ctl_free(prev);
	isms_ctl_free(kept);
	return rc;
}

/* Render every output into the temporary folder dir; 0 or an exit status. */
static int
render(struct job *j, const char *dir, const char *target)
{
	const isms_build_opts *o = j->o;
	char path[PATH_MAX + 64];
	int rc = 0;
	for (size_t i = 0; i < NOUTPUTS && rc == 0; i++) {
		if (!outputs[i].make)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, outputs[i].file);
		if (!selected(o->only, outputs[i].kind)) {
			/* --only: keep the previous pack's file when there is one */
			char prev[PATH_MAX + 64];
			snprintf(prev, sizeof prev, "%s/%s", target, outputs[i].file);
			if (isms_fs_keep(prev, path) == 0)
				continue;
		}
		int made = outputs[i].make(j, path);
		if (made == -2)
			rc = ISMS_EXIT_DATAERR; /* a template at fault, reported with its file:line */
		else if (made < 0)
			rc = ISMS_EXIT_CANTCREAT;
	}
	if (rc == 0)
		rc = control(j, dir, target);
	/* Every PDF carries its own signature, added before the manifest digests it. */
	for (size_t i = 0; i < NOUTPUTS && rc == 0 && o->signer; i++) {
		if (!is_pdf(outputs[i].file) || (outputs[i].kind && !selected(o->only, outputs[i].kind)))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, outputs[i].file);
		if (access(path, F_OK) != 0)
			continue; /* an output this pack does not carry (no amendments) */
		if (isms_pack_sign_pdf(o->signer, path, j->when) < 0)
			rc = ISMS_EXIT_SOFTWARE;
	}
	if (rc)
		return rc;
	/* The index lists every file as it is published (PDFs already signed). */
	isms_index_entry ent[NOUTPUTS];
	size_t ne = 0;
	for (size_t i = 0; i < NOUTPUTS; i++) {
		isms_index_entry *e = &ent[ne];
		memset(e, 0, sizeof *e);
		snprintf(path, sizeof path, "%s/%s", dir, outputs[i].file);
		if (isms_sha256_file_once(path, e->sha256, NULL) < 0)
			continue;
		e->file = outputs[i].file;
		const isms_document *reg = outputs[i].doc >= 0
			? isms_org_document_of_kind(j->org, (enum isms_doc_kind)outputs[i].doc) : NULL;
		if (reg) {
			e->number = reg->number;
			e->version = reg->version;
			e->title = reg->title;
		} else {
			e->title = (isms_text){outputs[i].zh ? outputs[i].zh : outputs[i].file, outputs[i].en};
		}
		e->pages = is_pdf(outputs[i].file) ? isms_pdf_page_count(path) : -1;
		ne++;
	}
	isms_docctx ic = {j->org, j->res, o->period, o->lang, j->when, NULL};
	snprintf(path, sizeof path, "%s/01-index.pdf", dir);
	int made = isms_docs_index(&ic, ent, ne, path);
	if (made == -2)
		return ISMS_EXIT_DATAERR;
	if (made < 0)
		return ISMS_EXIT_CANTCREAT;
	if (o->signer && isms_pack_sign_pdf(o->signer, path, j->when) < 0)
		return ISMS_EXIT_SOFTWARE;
	if (isms_pack_manifest(dir, j->org, o->period_text, o->lang,
	                       isms_signer_role(o->signer)) < 0)
		return ISMS_EXIT_CANTCREAT;
	if (o->signer && isms_pack_sign_manifest(o->signer, dir, j->when) < 0)
		return ISMS_EXIT_SOFTWARE;
	return 0;
}

/* Build one organisation's pack into target, atomically, under target's lock;
 * announce: say where the pack is (a single build; a batch prints a summary). */
static int
build_one(const char *input, const isms_build_opts *o, const char *target, int announce)
{
	isms_outdir *out = NULL;
	char *inputs[] = {(char *)input};
	int rc = isms_outdir_open(&out, target, inputs, 1, o->wait);
	if (rc)
		return rc;
	/* A signed pack is never silently rebuilt unsigned; checked under the lock. */
	if (!o->signer && !o->unsigned_ok && isms_pack_was_signed(isms_outdir_path(out)) == 1) {
		isms_error(NULL, "%s is a signed pack (it has MANIFEST.sha256.p7s); rebuilding it "
		           "without --sign-key would drop its signatures: sign again with "
		           "--sign-key, or pass --unsigned to replace it by an unsigned pack",
		           isms_outdir_shown(out));
		isms_outdir_free(out);
		return ISMS_EXIT_USAGE;
	}
	isms_org *org = NULL;
	rc = isms_load(input, &org);
	if (rc == 0 && o->period.year != org->objectives_year) {
		isms_loc loc = {input, 0, 0};
		if (o->period_relative && !announce) {
			/* a batch run by cron across a new year: not a failure */
			isms_diag(ISMS_NOTE, &loc, "skipped: its objectives are for %d, the period "
			          "that ended last is %s", org->objectives_year, o->period_text);
			rc = SKIPPED;
		} else {
			isms_error(&loc, "--period %s is outside the objectives' year %d",
			           o->period_text, org->objectives_year);
			rc = ISMS_EXIT_USAGE;
		}
	}
	if (rc == 0)
		isms_org_warn_no_english(org, o->lang, 0); /* one warning with the count */
	if (rc == 0 && isms_outdir_begin(out) < 0)
		rc = ISMS_EXIT_CANTCREAT;
	if (rc == 0) {
		struct job j = {org, o, o->when, NULL, isms_ctl_new(o->lang)};
		j.res = isms_calc(org, o->period);
		for (size_t i = 0; i < j.res->nwarnings; i++)
			isms_warn(&j.res->warning_objectives[i]->loc, "%s", j.res->warnings[i]);
		if (o->quiet && j.res->nwarnings) {
			/* --quiet keeps cron silent when all is well, not when data is missing */
			isms_loc loc = {input, 0, 0};
			isms_diag_set_quiet(0);
			isms_warn(&loc, "%zu warning%s about the data (such as measurements not "
			          "reported); run without --quiet to see them", j.res->nwarnings,
			          j.res->nwarnings == 1 ? "" : "s");
			isms_diag_set_quiet(1);
		}
		if (o->only)
			rc = only_is_safe(&j, isms_outdir_path(out), isms_outdir_shown(out));
		if (rc == 0)
			rc = render(&j, isms_outdir_tmp(out), isms_outdir_path(out));

		if (rc == 0 && isms_outdir_publish(out) < 0)
			rc = ISMS_EXIT_CANTCREAT;
		if (rc == 0 && announce && !o->quiet)
			isms_diag(ISMS_NOTE, NULL, "pack written to %s (%s, %s)", isms_outdir_shown(out),
			          o->period_text, o->lang);
		if (rc == ISMS_EXIT_CANTCREAT)
			isms_error(NULL, "%s was not changed", isms_outdir_shown(out));
		isms_results_free(j.res);
		isms_ctl_free(j.ctl);
	}
	isms_outdir_free(out);
	isms_org_free(org);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
push(char ***v, size_t *k, size_t *cap, const char *s)
{
	if (*k == *cap)
		*v = isms_xrealloc(*v, (*cap *= 2) * sizeof **v);
	(*v)[(*k)++] = isms_xstrdup(s);
}

/* Inputs: files as given; a folder contributes its *.xml and each subfolder's
 * organisation.xml (hidden names skipped).  A folder that contributes nothing is an
 * error.  Returns the number of inputs; *bad counts the empty folders. */
static char **
collect_inputs(char *const *args, int n, size_t *count, int *bad)
{
	size_t cap = 16, k = 0;
	char **v = isms_xmalloc(cap * sizeof *v);
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (stat(args[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
			push(&v, &k, &cap, args[i]);
			continue;
		}
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
			if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
				push(&v, &k, &cap, p);
		}
		if (d)
			closedir(d);
		if (k == first) {
			isms_error(NULL, "%s: no organisation in this folder (a folder contributes "
			           "its *.xml files and each subfolder's organisation.xml)", args[i]);
			++*bad;
		}
		qsort(v + first, k - first, sizeof *v, cmp_str);
	}
	*count = k;
	return v;
}

/* The pack's name in a batch: the input's folder for .../NAME/organisation.xml,
 * else the file's name without .xml; the pack is DIR/<name>-<period>. */
static char *
batch_target(const char *input, const isms_build_opts *o)
{
	const char *slash = strrchr(input, '/');
	const char *base = slash ? slash + 1 : input;
	const char *name = base;
	size_t len;
	if (!strcmp(base, "organisation.xml") && slash) {
		name = slash;
		while (name > input && name[-1] != '/')
			name--;
		len = (size_t)(slash - name);
	} else {
		len = strlen(base);
		if (len > 4 && !strcmp(base + len - 4, ".xml"))
			len -= 4;
	}
	char *t = isms_xmalloc(strlen(o->out) + len + strlen(o->period_text) + 4);
	sprintf(t, "%s/%.*s-%s", o->out, (int)len, name, o->period_text);
	return t;
}

int
isms_build_run(const isms_build_opts *o, char *const *args, int nargs)
{
	size_t n;
	int empty = 0;
	char **inputs = collect_inputs(args, nargs, &n, &empty);
	int batch = n > 1 || o->shard_n > 0;
	for (int i = 0; i < nargs; i++) {
		struct stat st;
		if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
			batch = 1;
	}
	int worst = empty ? ISMS_EXIT_NOINPUT : 0;
	char **targets = isms_xcalloc(n ? n : 1, sizeof *targets);
	for (size_t i = 0; i < n; i++)
		targets[i] = batch ? batch_target(inputs[i], o) : isms_xstrdup(o->out);
	/* Two inputs must never write one pack: refuse the batch before any work. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			if (!strcmp(targets[i], targets[k])) {
				isms_error(NULL, "%s and %s would both write the pack %s: rename one "
				           "(a pack is named after the input's folder or file)", inputs[i],
				           inputs[k], targets[i]);
				worst = isms_exit_worse(worst, ISMS_EXIT_USAGE);
			}
	if (worst)
		goto out;
	if (n == 0) {
		isms_error(NULL, "no organisation to build");
		worst = ISMS_EXIT_NOINPUT;
		goto out;
	}
	if (batch && isms_fs_mkdir_p(o->out, 0755) < 0) {
		isms_error(NULL, "cannot create %s: %s", o->out, strerror(errno));
		worst = ISMS_EXIT_CANTCREAT;
		goto out;
	}
	int failed = 0, skipped = 0, done = 0, running = 0, todo = 0;
	int tty = isatty(2) && !o->quiet;
	pid_t *pids = isms_xcalloc(n, sizeof *pids);
	int *status = isms_xcalloc(n, sizeof *status);
	for (size_t i = 0; i < n; i++)
		if (!o->shard_n || (int)(i % (size_t)o->shard_n) == o->shard_k - 1)
			todo++;
	if (o->jobs > 1 && todo > 1) {
		/* set up once here, inherited by every child: the schemas, fontconfig's
		 * font chains and the open faces, the hyphenation patterns */
		isms_load_prepare();
		isms_typeset_prepare();
	}
	for (size_t i = 0; i < n; i++) {
		if (o->shard_n && (int)(i % (size_t)o->shard_n) != o->shard_k - 1) {
			pids[i] = -1;
			continue;
		}
		if (o->jobs == 1) {
			status[i] = build_one(inputs[i], o, targets[i], !batch);
			pids[i] = 0;
			done++;
			if (tty && batch)
				fprintf(stderr, "\r[%d/%d] %s\033[K", done, todo, inputs[i]);
			continue;
		}
		while (running >= o->jobs) {
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
			_exit(build_one(inputs[i], o, targets[i], !batch));
		if (p < 0) {
			status[i] = build_one(inputs[i], o, targets[i], !batch);
			pids[i] = 0;
		} else {
			pids[i] = p;
			running++;
		}
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
	if (tty && batch && todo > 0)
		fputs("\r\033[K", stderr);
	for (size_t i = 0; i < n; i++) {
		if (pids[i] == -1)
			continue;
		if (status[i] == SKIPPED) {
			skipped++;
			continue;
		}
		if (status[i]) {
			failed++;
			if (batch)
				isms_error(NULL, "%s: failed (exit %d)", inputs[i], status[i]);
		}
		worst = isms_exit_worse(worst, status[i]);
	}
	if (batch && (!o->quiet || failed || skipped)) {
		char sk[64] = "";
		if (skipped)
			snprintf(sk, sizeof sk, ", %d skipped (objectives of another year)", skipped);
		fprintf(stderr, "ismspack: %d organisation%s: %d built%s, %d failed\n", todo,
		        todo == 1 ? "" : "s", todo - failed - skipped, sk, failed);
	}
	free(pids);
	free(status);
out:
	for (size_t i = 0; i < n; i++) {
		free(inputs[i]);
		free(targets[i]);
	}
	free(inputs);
	free(targets);
	return worst;
}
