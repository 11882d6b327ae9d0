/*
 * password_int.h - what password.c offers the other modules of access
 * control: the dummy verification that makes a login of an unknown user
 * cost as much as a wrong password, a count of verifications (so tests can
 * check that behaviour instead of timing it), and waking the threads that
 * wait for a place to hash when the configuration changes.  Internal.
 */
#ifndef KRING_PASSWORD_INT_H
#define KRING_PASSWORD_INT_H

/* Checks password against a hash made with the configured limits (made
 * once, remade when the limits change), and throws the answer away: the
 * same work as kr_password_verify() on a real account. */
void kri_password_verify_dummy(const char *password);

/* How many argon2id verifications ran in this process: all of them, and
 * those against the dummy hash.  For tests. */
struct kri_password_counts {
	unsigned long verify;
	unsigned long dummy;
};
void kri_password_counts(struct kri_password_counts *out);

/* Wakes every thread waiting for a place to hash (max_hashing changed). */
void kri_password_wake(void);

#endif
