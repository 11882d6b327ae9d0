/*
 * auth.c - the configuration of access control (auth.h): one process-wide
 * struct kr_auth_config behind a mutex, and libsodium started once
 * (pthread_once) for every module that hashes or draws random bytes.
 * When the configuration changes, threads waiting for a place to hash a
 * password are woken, since the number of places may have grown.
 */
#include <pthread.h>

#include <sodium.h>

#include "auth_int.h"
#include "password_int.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int sodium_ready;
static struct kr_auth_config config;

void kr_auth_config_default(struct kr_auth_config *cfg)
{
	cfg->opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	cfg->memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	cfg->max_hashing = 2;
	cfg->idle_s = 30 * 60;
	cfg->absolute_s = 12 * 3600;
	cfg->touch_s = 60;
	cfg->fail_account = 5;
	cfg->fail_address = 20;
	cfg->fail_window_s = 15 * 60;
	cfg->lockout_s = 15 * 60;
	cfg->share_max_s = 90L * 24 * 3600;
}

static void start(void)
{
	sodium_ready = sodium_init() >= 0;
	kr_auth_config_default(&config);
}

enum kr_status kri_auth_ready(struct kr_error *err)
{
	pthread_once(&once, start);
	if (!sodium_ready)
		return kr_error_say(err, KR_ENOMEM, "De cryptografische bibliotheek start niet.",
		                    "The cryptography library cannot start.");
	return KR_OK;
}

enum kr_status kr_auth_configure(const struct kr_auth_config *cfg, struct kr_error *err)
{
	enum kr_status rc;

	if ((rc = kri_auth_ready(err)))
		return rc;
	if (cfg->opslimit < crypto_pwhash_OPSLIMIT_MIN || cfg->opslimit > crypto_pwhash_OPSLIMIT_MAX ||
	    cfg->memlimit < crypto_pwhash_MEMLIMIT_MIN || cfg->memlimit > crypto_pwhash_MEMLIMIT_MAX)
		return kr_error_say(err, KR_EUSAGE, "De argon2id-grenzen vallen buiten het bereik.",
		                    "The argon2id limits are out of range.");
	if (cfg->max_hashing < 1 || cfg->idle_s < 1 || cfg->absolute_s < 1 || cfg->touch_s < 0 ||
	    cfg->fail_account < 1 || cfg->fail_address < 1 || cfg->fail_window_s < 1 ||
	    cfg->lockout_s < 1 || cfg->share_max_s < 1)
		return kr_error_say(err, KR_EUSAGE,
		                    "Tijden en aantallen van de toegangsregels moeten positief zijn.",
		                    "The times and counts of access control must be positive.");
	pthread_mutex_lock(&lock);
	config = *cfg;
	pthread_mutex_unlock(&lock);
	kri_password_wake();
	return KR_OK;
}

void kr_auth_config_get(struct kr_auth_config *cfg)
{
	pthread_once(&once, start);
	pthread_mutex_lock(&lock);
	*cfg = config;
	pthread_mutex_unlock(&lock);
}
