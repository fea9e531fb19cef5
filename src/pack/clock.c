/* The build's time (pack layer): the moment stamped as 產製日期, PDF dates and the
 * signing time.  Real time, or SOURCE_DATE_EPOCH (reproducible builds) when set. */
#include "pack.h"

#include <errno.h>
#include <stdlib.h>

#include "base/diag.h"

/* 9999-12-31 23:59:59 UTC: PDF dates, GeneralizedTime and the documents' dates have
 * four-digit years. */
#define LAST_SECOND 253402300799LL

int
isms_pack_clock(time_t *out)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e || !*e) {
		*out = time(NULL);
		return 0;
	}
	char *end;
	errno = 0;
	long long v = strtoll(e, &end, 10);
	if (*end || end == e || errno == ERANGE || v < 0) {
		isms_diag(ISMS_ERROR, NULL, "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds "
		          "since 1970-01-01 00:00 UTC", e);
		return -1;
	}
	if (v > LAST_SECOND) {
		isms_diag(ISMS_ERROR, NULL, "SOURCE_DATE_EPOCH=%s lies after the year 9999; documents "
		          "and signatures cannot carry that date (unset it to use the real time)", e);
		return -1;
	}
	*out = (time_t)v;
	return 0;
}
