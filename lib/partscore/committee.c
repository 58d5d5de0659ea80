/*
 * committee.c - partscore --committee (committee.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/intern.h"
#include "core/words.h"
#include "partscore/committee.h"

/* The words of the kind column. */
enum kind { KIND_PUBLIC, KIND_OFFICIAL };

static const struct word_def kind_defs[] = {
	{"public", KIND_PUBLIC}, {"citizen", KIND_PUBLIC},
	{"resident", KIND_PUBLIC}, {"公众", KIND_PUBLIC},
	{"公眾", KIND_PUBLIC}, {"市民", KIND_PUBLIC}, {"群众", KIND_PUBLIC},
	{"群眾", KIND_PUBLIC}, {"居民", KIND_PUBLIC},
	{"公众代表", KIND_PUBLIC}, {"公眾代表", KIND_PUBLIC},
	{"市民代表", KIND_PUBLIC},
	{"official", KIND_OFFICIAL}, {"government", KIND_OFFICIAL},
	{"官员", KIND_OFFICIAL}, {"官員", KIND_OFFICIAL},
	{"政府", KIND_OFFICIAL}, {"政府代表", KIND_OFFICIAL},
	{"公务员", KIND_OFFICIAL}, {"公務員", KIND_OFFICIAL},
	{"部门代表", KIND_OFFICIAL}, {"部門代表", KIND_OFFICIAL},
};
static struct word_list kinds = WORD_LIST(kind_defs);

/* One committee's counts. */
struct board {
	unsigned long long members, pub, attending, pub_attending;
};

struct table {
	struct intern names;     /* committees, in order of first sight */
	struct intern seats;     /* (committee id, member) pairs */
	struct board *b;
	size_t cap;
};

static const char *const cols_en[] = {"committee", "members",
    "public_members", "official_members", "public_share", "public_half",
    "attending", "public_attending", "quorum", "public_half_attending",
    "meets_rules"};
static const char *const cols_zh[] = {"委员会", "委员人数", "公众委员",
    "政府委员", "公众委员占比", "公众过半", "出席人数", "公众出席",
    "达到法定人数", "出席公众过半", "符合规定"};

/* Read one row into the table. */
static int
add_row(struct table *T, struct csvr *r, const struct csv_record *rec,
    const size_t *col, int has_att, struct err *e)
{
	const char *c = rec->field[col[0]], *m = rec->field[col[1]];
	size_t cl = rec->len[col[0]], ml = rec->len[col[1]];
	uint32_t id, seat;
	int added, kind, att = 0;
	struct buf key = {0};

	if (csvr_check_width(r, rec, e) < 0)
		return -1;
	trim_blanks(&c, &cl);
	trim_blanks(&m, &ml);
	if (cl == 0)
		return csvr_bad_value(r, rec, col[0], "is empty: every row "
		    "names its committee", e);
	if (ml == 0)
		return csvr_bad_value(r, rec, col[1], "is empty: every row "
		    "names a member", e);
	{
		const char *k = rec->field[col[2]];
		size_t kl = rec->len[col[2]];
		trim_blanks(&k, &kl);
		kind = word_list_find(&kinds, k, kl);
	}
	if (kind < 0)
		return csvr_bad_value(r, rec, col[2], "is not a kind of member "
		    "(public or official; 公众, 市民 or 政府, 官员)", e);
	if (has_att) {
		const char *a = rec->field[col[3]];
		size_t al = rec->len[col[3]];
		trim_blanks(&a, &al);
		att = yesno_word(a, al);
	}
	if (att < 0)
		return csvr_bad_value(r, rec, col[3], "is not yes or no (是, 否)",
		    e);
	if (intern_get(&T->names, c, cl, &id, &added, e) < 0)
		return -1;
	if (added) {
		if (grow_array((void **)&T->b, &T->cap, T->names.n,
		    sizeof *T->b) < 0)
			return err_nomem(e);
		memset(&T->b[id], 0, sizeof T->b[id]);
	}
	if (buf_append(&key, (const char *)&id, sizeof id) < 0 ||
	    buf_append(&key, m, ml) < 0) {
		free(key.data);
		return err_nomem(e);
	}
	if (intern_get(&T->seats, key.data, key.len, &seat, &added, e) < 0) {
		free(key.data);
		return -1;
	}
	free(key.data);
	if (!added)
		return csvr_bad_value(r, rec, col[1], "is listed twice in this "
		    "committee", e);
	T->b[id].members++;
	T->b[id].pub += kind == KIND_PUBLIC;
	T->b[id].attending += (unsigned long long)att;
	T->b[id].pub_attending += att && kind == KIND_PUBLIC;
	return 0;
}

static int
yes_no(struct csvw *w, int v, struct err *e)
{
	return csvw_str(w, v ? "yes" : "no", e);
}

static int
write_table(const struct table *T, int has_att, int lang_zh, int decimals,
    struct csvw *out, struct err *e)
{
	const char *const *cols = lang_zh ? cols_zh : cols_en;
	size_t i, k, len;
	const char *name;

	for (k = 0; k < sizeof cols_en / sizeof cols_en[0]; k++)
		if (csvw_str(out, cols[k], e) < 0)
			return -1;
	if (csvw_end(out, e) < 0)
		return -1;
	for (i = 0; i < T->names.n; i++) {
		const struct board *b = &T->b[i];
		/* Twice a count against a count: exact, no rounding. */
		int half = 2 * b->pub >= b->members;
		int quorum = 2 * b->attending >= b->members;
		int half_att = b->attending > 0 &&
		    2 * b->pub_attending >= b->attending;

		name = intern_str(&T->names, (uint32_t)i, &len);
		if (csvw_field(out, name, len, e) < 0 ||
		    csvw_int(out, (int64_t)b->members, e) < 0 ||
		    csvw_int(out, (int64_t)b->pub, e) < 0 ||
		    csvw_int(out, (int64_t)(b->members - b->pub), e) < 0 ||
		    csvw_num(out, (double)b->pub / (double)b->members, decimals,
			1, e) < 0 ||
		    yes_no(out, half, e) < 0)
			return -1;
		if (has_att) {
			if (csvw_int(out, (int64_t)b->attending, e) < 0 ||
			    csvw_int(out, (int64_t)b->pub_attending, e) < 0 ||
			    yes_no(out, quorum, e) < 0 ||
			    yes_no(out, half_att, e) < 0 ||
			    yes_no(out, half && quorum && half_att, e) < 0)
				return -1;
		} else {
			for (k = 0; k < 4; k++)
				if (csvw_str(out, "", e) < 0)
					return -1;
			if (yes_no(out, half, e) < 0)
				return -1;
		}
		if (csvw_end(out, e) < 0)
			return -1;
	}
	return 0;
}

int
committee_run(const char *path, const struct csv_opts *o, int lang_zh,
    int decimals, struct csvw *out, struct committee_stats *st,
    struct err *e)
{
	struct table T;
	struct csvr *r;
	struct csv_record *rec;
	size_t col[4];
	int got, has_att, rc = -1;

	memset(&T, 0, sizeof T);
	memset(st, 0, sizeof *st);
	if (csvr_open(&r, path, o, e) < 0)
		return -1;
	if (csvr_column(r, "committee", &col[0], e) < 0 ||
	    csvr_column(r, "member", &col[1], e) < 0 ||
	    csvr_column(r, "kind", &col[2], e) < 0)
		goto out;
	has_att = csv_header_column(csvr_header(r), "attended", &col[3]) == 0;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		st->read++;
		if (add_row(&T, r, rec, col, has_att, e) < 0)
			goto out;
	}
	if (got < 0)
		goto out;
	st->committees = T.names.n;
	st->members = T.seats.n;
	if (write_table(&T, has_att, lang_zh, decimals, out, e) < 0)
		goto out;
	rc = 0;
out:
	csvr_close(r);
	intern_free(&T.names);
	intern_free(&T.seats);
	free(T.b);
	return rc;
}
