#include "caseflow/rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/num.h"

static int
find_exact(const struct rules *rs, const char *cat, size_t len,
    enum stage st)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].stage == st && strlen(rs->r[i].category) == len &&
		    memcmp(rs->r[i].category, cat, len) == 0)
			return (int)i;
	return -1;
}

int
rules_load(struct rules *rs, const char *path, struct err *e)
{
	struct csv_opts o = {.delim = ',', .side = 1};
	struct csvr *r;
	struct csv_record *rec;
	size_t cc, sc, lc, uc;
	int got, rc = -1;

	if ((rs->path = str_ndup(path, strlen(path))) == NULL)
		return err_nomem(e);
	if (csvr_open(&r, path, &o, e) < 0)
		return -1;
	if (csvr_column(r, "category", &cc, e) < 0 ||
	    csvr_column(r, "stage", &sc, e) < 0 ||
	    csvr_column(r, "limit", &lc, e) < 0 ||
	    csvr_column(r, "unit", &uc, e) < 0)
		goto out;
	while ((got = csvr_next(r, &rec, e)) > 0) {
		const char *cat = rec->field[cc], *u = rec->field[uc];
		size_t clen = rec->len[cc];
		struct rule ru;
		char q[80];
		double v;

		if (csvr_check_width(r, rec, e) < 0)
			goto out;
		trim_blanks(&cat, &clen);
		if (clen == 1 && cat[0] == '*')
			clen = 0;
		ru.stage = stage_lookup(NULL, rec->field[sc], rec->len[sc]);
		/* A note (签收, 回访) is no stage a limit could apply to. */
		if (ru.stage == ST_UNKNOWN || ru.stage == ST_NOTE) {
			errf(e, ERR_DATA, "%s:%ld: column \"stage\": %s is not a "
			    "stage", csvr_name(r), rec->line, quote_value(q,
				sizeof q, rec->field[sc], rec->len[sc]));
			goto out;
		}
		ru.unit = (enum limit_unit)limit_unit_parse(u, rec->len[uc]);
		if ((int)ru.unit < 0) {
			errf(e, ERR_DATA, "%s:%ld: column \"unit\": %s is not h, "
			    "wh or wd", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, rec->field[uc], rec->len[uc]));
			goto out;
		}
		if (parse_num(rec->field[lc], rec->len[lc], &v) != NUM_OK ||
		    !(v > 0) || (ru.unit == UNIT_WD && v != floor(v)) ||
		    v > 1e6) {
			errf(e, ERR_DATA, "%s:%ld: column \"limit\": %s is not a "
			    "positive %s", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, rec->field[lc], rec->len[lc]),
			    ru.unit == UNIT_WD ? "whole number of days" :
			    "number of hours");
			goto out;
		}
		ru.limit = v;
		if (find_exact(rs, cat, clen, ru.stage) >= 0) {
			errf(e, ERR_DATA, "%s:%ld: a second rule for category %s "
			    "and stage %s", csvr_name(r), rec->line,
			    quote_value(q, sizeof q, cat, clen),
			    stage_name(ru.stage));
			goto out;
		}
		if (grow_array((void **)&rs->r, &rs->cap, rs->n + 1,
		    sizeof *rs->r) < 0) {
			err_nomem(e);
			goto out;
		}
		ru.category = str_ndup(cat, clen);
		if (ru.category == NULL) {
			err_nomem(e);
			goto out;
		}
		ru.line = rec->line;
		rs->r[rs->n++] = ru;
	}
	if (got == 0)
		rc = 0;
out:
	csvr_close(r);
	return rc;
}

void
rules_free(struct rules *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		free(rs->r[i].category);
	free(rs->r);
	free(rs->path);
	memset(rs, 0, sizeof *rs);
}

const struct rule *
rules_find(const struct rules *rs, const char *category, size_t len,
    enum stage stage)
{
	int i = find_exact(rs, category, len, stage);

	if (i < 0)
		i = find_exact(rs, "", 0, stage);
	return i < 0 ? NULL : &rs->r[i];
}

double
rule_deadline(const struct rule *ru, const struct workcal *c, double t)
{
	return workcal_deadline(c, t, ru->limit, ru->unit);
}
