/*
 * igraph_guard.h - one way into igraph for the whole library.  Debian's
 * igraph is built without thread safety (IGRAPH_THREAD_SAFE is 0): its
 * error handlers, its random generator and its memory accounting are
 * process globals.  The HTTP server renders and computes metrics on several
 * threads at once, so every use of igraph goes between kri_igraph_enter()
 * and kri_igraph_leave(): a process-wide mutex, igraph's error and warning
 * handlers set to "ignore" (callers check return codes), and the random
 * generator seeded with a fixed value, so results do not depend on what ran
 * before.
 */
#ifndef KRING_IGRAPH_GUARD_H
#define KRING_IGRAPH_GUARD_H

/* Takes the igraph lock, silences igraph's handlers and seeds its random
 * generator with `seed`.  Always pair with kri_igraph_leave(). */
void kri_igraph_enter(unsigned long seed);

/* Restores igraph's handlers and releases the lock. */
void kri_igraph_leave(void);

#endif
