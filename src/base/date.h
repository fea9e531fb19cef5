/* Calendar dates: strict ISO parsing, validity, day arithmetic, and the ROC
 * (民國) forms Taiwanese documents use: 中華民國114年4月15日, 114年04月15日. */
#ifndef ISMS_DATE_H
#define ISMS_DATE_H

#include <stddef.h>

typedef struct isms_date {
	int y, m, d; /* Gregorian; y == 0 means "no date" */
} isms_date;

/* 1 when y-m-d is a real Gregorian date. */
int isms_date_valid(int y, int m, int d);
/* Parse exactly "YYYY-MM-DD"; returns 0 and fills *out, or -1 when malformed or unreal. */
int isms_date_parse(const char *s, isms_date *out);
/* Days since 1970-01-01 (may be negative). */
long isms_date_days(isms_date d);
/* <0, 0, >0 like strcmp. */
int isms_date_cmp(isms_date a, isms_date b);
/* Formats into buf (size >= 48); return buf. */
char *isms_date_iso(isms_date d, char *buf, size_t size);         /* 2025-04-15 */
char *isms_date_roc_long(isms_date d, char *buf, size_t size);    /* 中華民國114年4月15日 */
char *isms_date_roc_short(isms_date d, char *buf, size_t size);   /* 114年04月15日 */
char *isms_date_en(isms_date d, char *buf, size_t size);          /* 15 April 2025 */
/* The ROC year of a Gregorian year (1912 = 民國元年 = 1). */
int isms_roc_year(int y);

#endif
