/* ismspack command line: options and the pipeline (load → model → … → pack).
 * The only place that exits; every stage reports through base/diag. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/fs.h"
#include "calc/calc.h"
#include "load/load.h"
#include "model/model.h"
#include "xlsx/xlsx.h"

static const char usage_text[] =
	"usage: ismspack validate FILE...\n"
	"       ismspack build FILE --period PERIOD --out DIR [--lang zh|en|bi] [--quiet]\n"
	"       ismspack --help | --version\n"
	"\n"
	"  validate   check organisation files against the schema and the semantic rules\n"
	"  build      validate, then write the document pack for PERIOD (2025Q4 or 2025-05)\n"
	"             into DIR, atomically: on any error the previous DIR is left untouched\n"
	"\n"
	"exit status: 0 ok, 64 usage, 65 invalid data, 66 unreadable input,\n"
	"             70 internal error, 73 output cannot be written\n";

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
		/* 66 (unreadable) outranks 65 (invalid) only when nothing was invalid. */
		if (rc && (worst == 0 || (rc == ISMS_EXIT_DATAERR && worst == ISMS_EXIT_NOINPUT)))
			worst = rc;
		isms_org_free(org);
	}
	return worst;
}

struct build_opts {
	const char *period, *out, *lang;
	int quiet;
};

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

static int
write_pack(const isms_org *org, const struct build_opts *o, isms_period period)
{
	char *tmp = isms_fs_temp_beside(o->out);
	if (!tmp) {
		isms_diag(ISMS_ERROR, NULL, "cannot create a temporary folder beside %s: %s",
		          o->out, strerror(errno));
		return ISMS_EXIT_CANTCREAT;
	}
	int rc = 0;
	isms_buf dump = {0};
	isms_org_dump(org, &dump);
	char path[4096];
	snprintf(path, sizeof path, "%s/model.txt", tmp);
	if (isms_fs_write_atomic(path, dump.data, dump.len) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot write %s: %s", path, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
	}
	isms_buf_free(&dump);

	isms_results *res = isms_calc(org, period);
	for (size_t i = 0; i < res->nwarnings; i++)
		isms_warn(&res->warning_objectives[i]->loc, "%s", res->warnings[i]);
	snprintf(path, sizeof path, "%s/objectives.xlsx", tmp);
	if (rc == 0 && isms_xlsx_objectives(org, res, o->lang, build_time(period), path) < 0)
		rc = ISMS_EXIT_CANTCREAT;
	isms_results_free(res);
	snprintf(path, sizeof path, "%s/registers.xlsx", tmp);
	if (rc == 0 && isms_xlsx_registers(org, isms_period_end(period), o->lang,
	                                   build_time(period), path) < 0)
		rc = ISMS_EXIT_CANTCREAT;

	if (rc == 0 && isms_fs_publish_dir(tmp, o->out) < 0) {
		isms_diag(ISMS_ERROR, NULL, "cannot publish %s: %s", o->out, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
	}
	if (rc)
		isms_fs_remove_tree(tmp);
	free(tmp);
	(void)period;
	return rc;
}

static int
cmd_build(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"period", required_argument, NULL, 'p'},
		{"out", required_argument, NULL, 'o'},
		{"lang", required_argument, NULL, 'l'},
		{"quiet", no_argument, NULL, 'q'},
		{NULL, 0, NULL, 0},
	};
	struct build_opts o = {NULL, NULL, "zh", 0};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:o:l:q", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': o.period = optarg; break;
		case 'o': o.out = optarg; break;
		case 'l': o.lang = optarg; break;
		case 'q': o.quiet = 1; break;
		default: return usage(stderr, ISMS_EXIT_USAGE);
		}
	}
	if (optind != argc - 1 || !o.period || !o.out) {
		isms_diag(ISMS_ERROR, NULL, "build needs one FILE, --period and --out");
		return usage(stderr, ISMS_EXIT_USAGE);
	}
	if (strcmp(o.lang, "zh") && strcmp(o.lang, "en") && strcmp(o.lang, "bi")) {
		isms_diag(ISMS_ERROR, NULL, "--lang must be zh, en or bi, not \"%s\"", o.lang);
		return ISMS_EXIT_USAGE;
	}
	isms_period period;
	if (isms_period_parse(o.period, &period) < 0) {
		isms_diag(ISMS_ERROR, NULL, "--period \"%s\" is neither a quarter (2025Q4) nor a "
		          "month (2025-05)", o.period);
		return ISMS_EXIT_USAGE;
	}
	isms_diag_set_quiet(o.quiet);
	isms_org *org = NULL;
	int rc = isms_load(argv[optind], &org);
	if (rc)
		return rc;
	if (period.year != org->objectives_year) {
		isms_diag(ISMS_ERROR, NULL, "--period %s is outside the objectives' year %d",
		          o.period, org->objectives_year);
		isms_org_free(org);
		return ISMS_EXIT_USAGE;
	}
	rc = write_pack(org, &o, period);
	isms_org_free(org);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, ISMS_EXIT_USAGE);
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
	isms_diag(ISMS_ERROR, NULL, "unknown command \"%s\"", cmd);
	return usage(stderr, ISMS_EXIT_USAGE);
}
