/*
 * init.c - the library's one configuration (init.h): threads, the parse
 * arena, the default message language, the clock and the audit key file.  Read by the modules
 * through kr_config_get() and kr_now(); written only by kr_init().
 */
#include "kring/init.h"
#include "store_int.h"

static struct kr_config config;   /* zero is the defaults */

void kr_config_defaults(struct kr_config *cfg)
{
	cfg->threads = 0;
	cfg->parse_arena = false;
	cfg->lang = KR_LANG_NL;
	cfg->clock = NULL;
	cfg->clock_arg = NULL;
	cfg->audit_key_file = NULL;
}

enum kr_status kr_init(const struct kr_config *cfg, struct kr_error *err)
{
	if (cfg->threads < 0)
		return kr_error_say(err, KR_EUSAGE,
		                    "Het aantal threads kan niet negatief zijn (%d).",
		                    "The number of threads cannot be negative (%d).", cfg->threads);
	config = *cfg;
	if (config.parse_arena)
		kri_store_arena_install();
	return KR_OK;
}

const struct kr_config *kr_config_get(void)
{
	return &config;
}

time_t kr_now(void)
{
	return config.clock ? config.clock(config.clock_arg) : time(NULL);
}
