/*
 * words.h - dates, durations and lists as a worker says them aloud, in
 * Dutch and English: "12 april 2026", "sinds maart 2024", "ruim een jaar",
 * "Ilse, Ruud en Marga".  Used by every message of the library so that one
 * way of saying things is used everywhere.
 */
#ifndef KRING_WORDS_H
#define KRING_WORDS_H

#include <stddef.h>

#include "kring/buf.h"
#include "kring/date.h"
#include "kring/lang.h"

/* The date in words in its own precision: "12 april 2026" / "12 April
 * 2026", "maart 2024" / "March 2024", "2024"; "" for no date.  Writes into
 * buf (n bytes, 32 is always enough) and returns buf. */
char *kr_words_date(struct kr_date d, enum kr_lang lang, char *buf, size_t n);

/* The same for a day number. */
char *kr_words_day(long day, enum kr_lang lang, char *buf, size_t n);

/* The time from day `from` to day `to` as people say it, never more than
 * it is: "1 dag", "3 weken", "5 maanden", "een jaar", "ruim een jaar",
 * "anderhalf jaar", "bijna 3 jaar", "8 jaar" (and in English "a year", "over
 * a year", "a year and a half", "almost 3 years").  Writes into buf (n
 * bytes, 32 is enough) and returns buf. */
char *kr_words_span(long from, long to, enum kr_lang lang, char *buf, size_t n);

/* Whole calendar months from day `from` to day `to` (0 when to < from). */
int kr_words_months_between(long from, long to);

/* The pronouns of a person by sex: subject ("hij", "zij"; "he", "she",
 * "they"), object ("hem", "haar"; "him", "her", "them") and possessive
 * ("zijn", "haar"; "his", "her", "their").  For sex x or unknown Dutch has
 * no settled pronoun, so the Dutch forms are NULL and the caller repeats
 * the name; English uses "they". */
struct kr_pronouns { const char *subject, *object, *possessive; };
struct kr_pronouns kr_words_pronouns(int sex, enum kr_lang lang);

/* Appends names[0..n) as a list: "A", "A en B", "A, B en C" (English "A,
 * B and C").  Returns the buffer's status. */
enum kr_status kr_words_list(struct kr_buf *b, const char *const *names, size_t n,
                             enum kr_lang lang);

/* A count with its noun in the right number: "1 plaatsing", "3 plaatsingen"
 * (English "1 move", "0 moves").  Both languages use the "one"/"other"
 * rule of CLDR (1 is singular, every other count plural).  Writes into buf
 * (n bytes) and returns buf. */
char *kr_words_count(long count, enum kr_lang lang, const char *nl_one, const char *nl_many,
                     const char *en_one, const char *en_many, char *buf, size_t n);

#endif
