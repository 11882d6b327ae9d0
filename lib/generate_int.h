/*
 * generate_int.h - what the generator's modules share (generate.c, the
 * earlier states of generate_history.c, the register of generate_family.c):
 * the hash that makes every choice reproducible, and reading the generated
 * JSON documents.  Internal to libkring.
 */
#ifndef KRING_GENERATE_INT_H
#define KRING_GENERATE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

/* splitmix64's step: a well-mixed 64-bit value from x (the same x gives the
 * same value).  Never fails. */
uint64_t kri_gen_mix(uint64_t x);

/* The text of o[k], or "" when it is absent or not text.  Borrowed. */
const char *kri_gen_text(json_t *o, const char *k);

/* The person of document doc with id, or NULL.  Borrowed. */
json_t *kri_gen_person(json_t *doc, const char *id);

/* Whether the list of ids holds id. */
bool kri_gen_in_ids(json_t *list, const char *id);

#endif
