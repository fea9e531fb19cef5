/* Dates: ISO parsing and ROC formatting (base layer). */
#include "date.h"

#include <stdio.h>
#include <string.h>

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
isms_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1912 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	int max = mdays[m - 1] + (m == 2 && leap(y));
	return d <= max;
}

int
isms_date_parse(const char *s, isms_date *out)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!isms_date_valid(y, m, d))
		return -1;
	out->y = y;
	out->m = m;
	out->d = d;
	return 0;
}

long
isms_date_days(isms_date dt)
{
	/* Howard Hinnant's days_from_civil. */
	long y = dt.y - (dt.m <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
isms_date_cmp(isms_date a, isms_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	return a.d < b.d ? -1 : a.d > b.d;
}

int isms_roc_year(int y) { return y - 1911; }

char *
isms_date_iso(isms_date d, char *buf, size_t size)
{
	snprintf(buf, size, "%04d-%02d-%02d", d.y, d.m, d.d);
	return buf;
}

char *
isms_date_roc_long(isms_date d, char *buf, size_t size)
{
	snprintf(buf, size, "中華民國%d年%d月%d日", isms_roc_year(d.y), d.m, d.d);
	return buf;
}

char *
isms_date_roc_short(isms_date d, char *buf, size_t size)
{
	snprintf(buf, size, "%d年%02d月%02d日", isms_roc_year(d.y), d.m, d.d);
	return buf;
}

char *
isms_date_en(isms_date d, char *buf, size_t size)
{
	static const char *const months[] = {"January", "February", "March", "April",
		"May", "June", "July", "August", "September", "October", "November", "December"};
	snprintf(buf, size, "%d %s %d", d.d, months[d.m - 1], d.y);
	return buf;
}
