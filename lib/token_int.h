/*
 * token_int.h - the bearer tokens of sessions and share links (token.c):
 * 32 random bytes handed out once in base64url, of which the database
 * keeps only a keyed BLAKE2b-256 hash.  The key differs per kind, so a
 * share token can never pass for a session token or the other way round.
 * Internal to libkring.
 */
#ifndef KRING_TOKEN_INT_H
#define KRING_TOKEN_INT_H

#include <stdbool.h>

#include "kring/auth.h"

#define KRI_TOKEN_BYTES 32   /* random bytes in a token */
#define KRI_TOKEN_HASH 32    /* bytes of its stored hash */

enum kri_token_kind { KRI_TOKEN_SESSION, KRI_TOKEN_SHARE };

/* Draws a new token of kind: text receives it for the holder (43
 * characters and a NUL), hash what the database keeps.  libsodium must be
 * started (kri_auth_ready).  Never fails. */
void kri_token_new(enum kri_token_kind kind, char text[KR_AUTH_TOKEN_CHARS + 1],
                   unsigned char hash[KRI_TOKEN_HASH]);

/* Decodes a token handed in and computes its hash for kind.  False when
 * text is NULL or not exactly a token's 43 base64url characters. */
bool kri_token_parse(enum kri_token_kind kind, const char *text,
                     unsigned char hash[KRI_TOKEN_HASH]);

#endif
