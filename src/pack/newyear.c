/* `ismspack new-year` (pack layer): load and compute the year that ends (load, calc),
 * have the loader write the next year's XML (load/newyear.c), validate it, and
 * publish it under a new name only.  The user's input is never touched. */
#define _GNU_SOURCE
#include "newyear.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/diag.h"
#include "calc/actions.h"
#include "calc/calc.h"
#include "load/load.h"
#include "load/newyear.h"

/* lastYear for each objective: the year-to-date figure at the year's last period,
 * at the decimals the KPI table prints it with. */
static isms_ny_value *
last_years(const isms_org *org, const isms_results *res, isms_arena *a)
{
	isms_ny_value *v = isms_arena_alloc(a, (res->nobjectives + 1) * sizeof *v);
	for (size_t i = 0; i < res->nobjectives; i++) {
		const isms_objective_result *r = &res->objectives[i];
		const isms_objective *o = r->objective;
		v[i].objective = o->id;
		if (r->ytd.status == ISMS_ST_NOT_DUE || !r->ytd.has_value) {
			isms_warn(&o->loc, "objective \"%s\" has no result for %d: its lastYear is "
			          "left out of the new year", o->id, org->objectives_year);
			continue;
		}
		int dp = isms_calc_decimals(o, r->ytd.value, r->ytd.dp, r->ytd.target);
		double x = isms_calc_round(r->ytd.value, dp);
		char b[64];
		snprintf(b, sizeof b, "%.*f", dp, x == 0 ? 0.0 : x);
		v[i].last_year = isms_arena_strdup(a, b);
		if (r->ytd.partial)
			isms_warn(&o->loc, "objective \"%s\": lastYear=\"%s\" is %d's figure from the "
			          "periods that were reported (some had no data)", o->id, b,
			          org->objectives_year);
	}
	return v;
}

int
isms_new_year(const char *in, int year, const char *out)
{
	struct stat si, so;
	if (lstat(out, &so) == 0) {
		if (stat(in, &si) == 0 && si.st_dev == so.st_dev && si.st_ino == so.st_ino)
			isms_error(NULL, "%s is the input; new-year never overwrites it: give --out "
			           "a new file", out);
		else
			isms_error(NULL, "%s exists; new-year writes only a new file", out);
		return ISMS_EXIT_CANTCREAT;
	}
	isms_org *org = NULL;
	int rc = isms_load(in, &org);
	if (rc)
		return rc;
	if (year != org->year + 1) {
		isms_error(NULL, "%s is for %d: new-year starts %d, not %d", in, org->year,
		           org->year + 1, year);
		isms_org_free(org);
		return ISMS_EXIT_USAGE;
	}
	isms_period last = {org->objectives_year, 'Q', 4};
	isms_results *res = isms_calc(org, last);
	isms_ny_value *v = last_years(org, res, org->arena);
	/* open actions go on: their reviews stay as history, and the next year's
	 * reviews follow them up; one whose owner left needs a new owner */
	isms_date end = isms_period_end(last);
	size_t open = 0;
	for (size_t i = 0; i < org->nreviews; i++)
		for (size_t j = 0; j < org->reviews[i].nactions; j++) {
			const isms_action *a = &org->reviews[i].actions[j];
			isms_action_view st = isms_action_state_at(org, a, end);
			if (st.state == ISMS_AS_CLOSED || st.state == ISMS_AS_CANCELLED)
				continue;
			open++;
			if (a->owner && a->owner->left.y)
				isms_warn(&a->loc, "action \"%s\" is still open and its owner %s has left: "
				          "a follow-up at the next review should name who carries it on",
				          a->id, a->owner->id);
		}
	isms_buf xml = {0};
	rc = isms_load_new_year(in, year, v, res->nobjectives, &xml);
	size_t nobj = org->nobjectives;
	isms_results_free(res);
	isms_org_free(org);
	if (rc) {
		isms_buf_free(&xml);
		return rc;
	}
	/* a temporary file beside out, named by mkstemp: never one that was there */
	char tmp[PATH_MAX];
	const char *slash = strrchr(out, '/');
	int dl = slash ? (int)(slash - out + 1) : 0;
	if (snprintf(tmp, sizeof tmp, "%.*s.%s.XXXXXX", dl, out, slash ? slash + 1 : out) >= (int)sizeof tmp) {
		isms_error(NULL, "%s: name too long", out);
		isms_buf_free(&xml);
		return ISMS_EXIT_CANTCREAT;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		isms_error(NULL, "cannot write beside %s: %s", out, strerror(errno));
		isms_buf_free(&xml);
		return ISMS_EXIT_CANTCREAT;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	size_t done = 0;
	while (done < xml.len) {
		ssize_t k = write(fd, xml.data + done, xml.len - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	int werr = done < xml.len || fsync(fd) < 0 ? errno : 0;
	close(fd);
	isms_buf_free(&xml);
	if (werr) {
		isms_error(NULL, "cannot write %s: %s", out, strerror(werr));
		unlink(tmp);
		return ISMS_EXIT_CANTCREAT;
	}
	/* the new file must validate as it stands; its messages name out */
	isms_diag_alias(tmp, out);
	isms_diag_set_quiet(1); /* the input's warnings were said once, above */
	isms_org *check = NULL;
	rc = isms_load(tmp, &check);
	isms_diag_set_quiet(0);
	isms_diag_alias(NULL, NULL);
	isms_org_free(check);
	if (rc) {
		isms_error(NULL, "the %d organisation written from %s does not validate (above); "
		           "nothing written", year, in);
		unlink(tmp);
		return rc;
	}
	/* link() publishes without replacing: a file that appeared meanwhile stays */
	if (link(tmp, out) < 0) {
		isms_error(NULL, "cannot create %s: %s", out, strerror(errno));
		unlink(tmp);
		return ISMS_EXIT_CANTCREAT;
	}
	unlink(tmp);
	isms_diag(ISMS_NOTE, NULL, "wrote %s: %d, %zu objectives with lastYear from %d, no "
	          "measurements, %zu open action%s carried", out, year, nobj, year - 1, open,
	          open == 1 ? "" : "s");
	return 0;
}
