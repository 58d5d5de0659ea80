/*
 * committee.h - partscore --committee: who sits on a city's governance
 * committees, and whether each meets Nanjing's rules for them (public
 * members at least half of the members; a meeting is valid when at least
 * half of the members attend and public members are at least half of
 * those attending).
 *
 * A committee file is CSV with columns committee, member and kind
 * (public or official, in English or Chinese), and optionally attended
 * (yes or no).  committee_run() reads it once and writes one row per
 * committee, in order of first appearance.  Memory grows with the
 * committees and their members (the members' names are held to refuse
 * one listed twice).  Nothing here prints or exits.
 */
#ifndef PS_COMMITTEE_H
#define PS_COMMITTEE_H

#include "core/csvio.h"
#include "core/csvw.h"
#include "core/util.h"

struct committee_stats {
	unsigned long long read, committees, members;
};

/*
 * Read the committee file path (read as o says) and write the table to
 * out: committee, members, public_members, official_members,
 * public_share, public_half (yes or no), attending, public_attending,
 * quorum, public_half_attending, meets_rules (the attendance columns
 * empty without an attended column; meets_rules is then public_half),
 * with Chinese column names when lang_zh is set, numbers with decimals
 * digits (or NUM_SHORTEST).  An unknown kind, a bad attended value, an
 * empty committee or member, or a member listed twice in one committee
 * is an error naming FILE:LINE.  Fills *st.  Returns 0, or -1 with *e
 * set.
 */
int committee_run(const char *path, const struct csv_opts *o, int lang_zh,
    int decimals, struct csvw *out, struct committee_stats *st,
    struct err *e);

#endif
