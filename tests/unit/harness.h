/* A tiny unit-test harness: each CHECK prints "PASS: file:line expr" or
 * "FAIL: ...", and main returns non-zero when any check failed. */
#ifndef ISMS_HARNESS_H
#define ISMS_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_failed;

#define CHECK_(cond, desc)                                                          \
	do {                                                                        \
		if (cond)                                                           \
			printf("PASS: %s:%d %s\n", __FILE__, __LINE__, desc);       \
		else {                                                              \
			printf("FAIL: %s:%d %s\n", __FILE__, __LINE__, desc);       \
			harness_failed = 1;                                         \
		}                                                                   \
	} while (0)
#define CHECK(cond) CHECK_((cond), #cond)
#define CHECK_STR(a, b)                                                              \
	do {                                                                        \
		const char *a_ = (a), *b_ = (b);                                    \
		int ok_ = a_ && b_ && strcmp(a_, b_) == 0;                          \
		CHECK_(ok_, #a " == " #b);                                          \
		if (!ok_)                                                           \
			printf("  got \"%s\"\n  want \"%s\"\n", a_ ? a_ : "(null)", \
			       b_ ? b_ : "(null)");                                 \
	} while (0)
#define CHECK_INT(a, b)                                                              \
	do {                                                                        \
		long long a_ = (long long)(a), b_ = (long long)(b);                 \
		CHECK_(a_ == b_, #a " == " #b);                                     \
		if (a_ != b_)                                                       \
			printf("  got %lld want %lld\n", a_, b_);                   \
	} while (0)
#define CHECK_NEAR(a, b, eps)                                                        \
	do {                                                                        \
		double a_ = (a), b_ = (b);                                          \
		CHECK_(fabs(a_ - b_) <= (eps), #a " ~= " #b);                       \
		if (!(fabs(a_ - b_) <= (eps)))                                      \
			printf("  got %.9g want %.9g\n", a_, b_);                   \
	} while (0)
#define HARNESS_END() return harness_failed

#endif
