/*
 * igraph_guard.c - the process-wide lock around igraph (see igraph_guard.h).
 */
#include <pthread.h>

#include <igraph.h>

#include "igraph_guard.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static igraph_error_handler_t *old_err;
static igraph_warning_handler_t *old_warn;

void kri_igraph_enter(unsigned long seed)
{
	pthread_mutex_lock(&lock);
	old_err = igraph_set_error_handler(igraph_error_handler_ignore);
	old_warn = igraph_set_warning_handler(igraph_warning_handler_ignore);
	igraph_rng_seed(igraph_rng_default(), seed);
}

void kri_igraph_leave(void)
{
	igraph_set_error_handler(old_err);
	igraph_set_warning_handler(old_warn);
	pthread_mutex_unlock(&lock);
}
