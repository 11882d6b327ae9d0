/*
 * token.c - making and reading the bearer tokens of token_int.h: random
 * bytes from randombytes_buf(), base64url without padding, and the stored
 * form BLAKE2b-256 keyed per kind ("kring-session-v1", "kring-sharelink1").
 * The raw bytes are wiped as soon as they are encoded or hashed.
 */
#include <string.h>

#include <sodium.h>

#include "token_int.h"

static const unsigned char *key_of(enum kri_token_kind kind)
{
	static const unsigned char session_key[] = "kring-session-v1";
	static const unsigned char share_key[] = "kring-sharelink1";
	return kind == KRI_TOKEN_SESSION ? session_key : share_key;
}

static void hash_raw(enum kri_token_kind kind, const unsigned char raw[KRI_TOKEN_BYTES],
                     unsigned char out[KRI_TOKEN_HASH])
{
	crypto_generichash(out, KRI_TOKEN_HASH, raw, KRI_TOKEN_BYTES, key_of(kind), 16);
}

void kri_token_new(enum kri_token_kind kind, char text[KR_AUTH_TOKEN_CHARS + 1],
                   unsigned char hash[KRI_TOKEN_HASH])
{
	unsigned char raw[KRI_TOKEN_BYTES];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(text, KR_AUTH_TOKEN_CHARS + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	hash_raw(kind, raw, hash);
	sodium_memzero(raw, sizeof raw);
}

bool kri_token_parse(enum kri_token_kind kind, const char *text,
                     unsigned char hash[KRI_TOKEN_HASH])
{
	unsigned char raw[KRI_TOKEN_BYTES];
	size_t len = 0;
	const char *end = NULL;

	if (!text || strlen(text) != KR_AUTH_TOKEN_CHARS)
		return false;
	if (sodium_base642bin(raw, sizeof raw, text, KR_AUTH_TOKEN_CHARS, NULL, &len, &end,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != KRI_TOKEN_BYTES || end != text + KR_AUTH_TOKEN_CHARS) {
		sodium_memzero(raw, sizeof raw);
		return false;
	}
	hash_raw(kind, raw, hash);
	sodium_memzero(raw, sizeof raw);
	return true;
}
