/*
 * date.h - calendar dates: the one reading of a date that huikan has. The
 * importer's date columns and every date option of every command (--as-of,
 * --due, ...) go through hk_date_parse, and every default "today" is
 * hk_date_today (the local calendar day).
 *
 * A date is written YYYY-MM-DD (also YYYY-M-D), YYYY/M/D (also YYYY/MM/DD),
 * YYYYMMDD, YYYY.M.D or YYYY年M月D日 (as Chinese offices write dates); it must exist in the (proleptic Gregorian) calendar: 2021-02-31,
 * 1900-02-29 and 0000-01-01 do not. It is stored and shown as YYYY-MM-DD.
 */
#ifndef HK_DATE_H
#define HK_DATE_H

#include <stddef.h>
#include <time.h>

/* The accepted forms, for messages. */
#define HK_DATE_FORMS "YYYY-MM-DD, YYYY/M/D or YYYYMMDD"

/* 1 when `year` is a leap year (divisible by 4, not by 100 unless by 400). */
int hk_date_is_leap(int year);

/* Days of `month` (1-12) in `year`; 0 when the month is out of range. */
int hk_date_days_in_month(int year, int month);

/* Reads the `len` bytes at `s` (no NUL needed) as a date in one of the
 * accepted forms and writes it to `out` as "YYYY-MM-DD" (NUL-terminated).
 * Returns 0, or HK_EINPUT with *why set to a static text: "not a date" (the
 * form is wrong) or "no such date" (the form is right, the day does not
 * exist). Allocates nothing, never fails otherwise. */
int hk_date_parse(char out[11], const char *s, size_t len, const char **why);

/* The local calendar day of the instant `t` as "YYYY-MM-DD". */
void hk_date_local(char out[11], time_t t);

/* The stored UTC time `utc` ("YYYY-MM-DDTHH:MM:SSZ", as event and run times
 * are kept) as local time for people: "YYYY-MM-DD HH:MM:SS" in $TZ (main
 * sets Asia/Shanghai when TZ is unset; docs/i18n.md). Another text (NULL,
 * empty, malformed) is copied as it is, cut to fit. Returns out. */
char *hk_time_local(char out[32], const char *utc);

/* Today, the local calendar day, as "YYYY-MM-DD". When $HUIKAN_NOW holds an
 * instant YYYY-MM-DDTHH:MM:SSZ (the test clock the ledger's event times use
 * too) it stands for the current time. */
void hk_date_today(char out[11]);

#endif
