/*
 * gridify - place report points in polygons (unit grids, communities,
 * streets, districts) and append their ids, or count points per polygon.
 * Options into a struct, checked once; the layers are loaded and the
 * stream joined by lib/geo (layer.c, gridify.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/csvio.h"
#include "core/util.h"
#include "geo/gridify.h"
#include "geo/layer.h"
#include "geo/pip.h"


static const char usage_text[] =
    "usage: gridify -p POLYGONS [-p POLYGONS ...] [options] [FILE ...]\n"
    "\n"
    "Append to every CSV record the id of the polygon that holds its point,\n"
    "one column per polygon layer, or count records per polygon.\n"
    "\n"
    "Polygon layers (the options after a -p apply to that layer):\n"
    "  -p, --polygons FILE   CSV with id and WKT columns, or GeoJSON\n"
    "                        FeatureCollection; repeat for several layers\n"
    "      --id-field NAME   id column or property (CSV: id; GeoJSON: the\n"
    "                        feature id)\n"
    "      --wkt-field NAME  WKT column of a CSV layer (default: wkt)\n"
    "      --as NAME         name of the appended id column (default: the\n"
    "                        id field's name)\n"
    "  -a, --attrs LIST      polygon attributes to append, comma-separated\n"
    "      --make-valid      repair invalid polygons instead of failing\n"
    "                        (all layers)\n"
    "\n"
    "Points:\n"
    "  -x, --x COLUMN        x or longitude column, name or 1-based position\n"
    "                        (default: lon)\n"
    "  -y, --y COLUMN        y or latitude column (default: lat)\n"
    "      --unmatched POLICY  keep|drop|reject points in no polygon\n"
    "                        (default: keep, with an empty id)\n"
    "\n"
    "Counting:\n"
    "      --count           one row per polygon with its count, zeros too\n"
    "      --by COLUMNS      split the counts by these columns' values\n"
    "                        (comma-separated)\n"
    "\n"
    "Input and output:\n"
    "  -d, --delimiter CHAR  input field separator (default: ,)\n"
    "      --tsv             input is tab-separated\n"
    "      --encoding ENC    input encoding, e.g. gb18030 or gbk\n"
    "                        (default: utf-8)\n"
    "  -o, --output FILE     write here instead of standard output\n"
    "      --output-encoding ENC  write the CSV in ENC, e.g. gb18030\n"
    "      --bom             start the CSV with a UTF-8 byte order mark\n"
    "      --reject FILE     write bad records here and go on\n"
    "      --max-reject-rate F  exit 1 when more than the share F of the\n"
    "                        records is rejected (after writing)\n"
    "      --stats FILE      write the summary's counts here as CSV\n"
    "  -q, --quiet           no summary line on standard error\n"
    "      --exact           locate with GEOS only (for checking)\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n";

struct options {
	struct cli_common com;
	struct layer_opts layers[GRIDIFY_MAX_LAYERS];
	int nlayers;
	struct gridify_opts run;
	int exact;
	/* layer options seen before the first -p */
	struct layer_opts pending;
	int pending_set;
	const char *by; /* --by's text, split once parsing is done */
};

enum {
	OPT_ID_FIELD = 256,
	OPT_WKT_FIELD,
	OPT_AS,
	OPT_MAKE_VALID,
	OPT_UNMATCHED,
	OPT_COUNT,
	OPT_BY,
	OPT_EXACT
};

static const struct option longopts[] = {
	{"polygons", required_argument, NULL, 'p'},
	{"id-field", required_argument, NULL, OPT_ID_FIELD},
	{"wkt-field", required_argument, NULL, OPT_WKT_FIELD},
	{"as", required_argument, NULL, OPT_AS},
	{"attrs", required_argument, NULL, 'a'},
	{"make-valid", no_argument, NULL, OPT_MAKE_VALID},
	{"x", required_argument, NULL, 'x'},
	{"y", required_argument, NULL, 'y'},
	{"unmatched", required_argument, NULL, OPT_UNMATCHED},
	{"count", no_argument, NULL, OPT_COUNT},
	{"by", required_argument, NULL, OPT_BY},
	{"exact", no_argument, NULL, OPT_EXACT},
	CLI_LONGOPTS_INPUT,
	CLI_LONGOPTS_OUTPUT,
	CLI_LONGOPTS_REJECT,
	CLI_LONGOPTS_END
};

/* The layer that layer options apply to: the last -p, or the next one. */
static struct layer_opts *
current_layer(struct options *op)
{
	if (op->nlayers == 0) {
		op->pending_set = 1;
		return &op->pending;
	}
	return &op->layers[op->nlayers - 1];
}

static void
parse_options(int argc, char **argv, struct options *op)
{
	static const char *const unmatched[] = {"keep", "drop", "reject",
	    NULL};
	struct layer_opts *L;
	int c, i;

	memset(op, 0, sizeof *op);
	cli_init("gridify", usage_text, &op->com);
	op->run.xcol = "lon";
	op->run.ycol = "lat";
	op->run.unmatched = UNMATCHED_KEEP;
	while ((c = getopt_long(argc, argv, "p:a:x:y:" CLI_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (cli_common_option(&op->com, c, optarg))
			continue;
		switch (c) {
		case 'p':
			if (op->nlayers == GRIDIFY_MAX_LAYERS)
				cli_usage("at most %d polygon layers",
				    GRIDIFY_MAX_LAYERS);
			L = &op->layers[op->nlayers];
			if (op->nlayers == 0 && op->pending_set) {
				*L = op->pending;
				op->pending.attrs = NULL;
				op->pending.nattrs = 0;
			}
			L->path = optarg;
			op->nlayers++;
			break;
		case OPT_ID_FIELD:
			current_layer(op)->id_field = optarg;
			break;
		case OPT_WKT_FIELD:
			current_layer(op)->wkt_field = optarg;
			break;
		case OPT_AS:
			current_layer(op)->as = optarg;
			break;
		case 'a':
			L = current_layer(op);
			strlist_free(L->attrs, L->nattrs);
			L->attrs = cli_list(optarg, &L->nattrs);
			break;
		case OPT_MAKE_VALID:
			op->pending.make_valid = 1;
			break;
		case 'x':
			op->run.xcol = optarg;
			break;
		case 'y':
			op->run.ycol = optarg;
			break;
		case OPT_UNMATCHED:
			op->run.unmatched = (enum unmatched_policy)cli_pick(
			    "--unmatched", optarg, unmatched,
			    "keep, drop or reject");
			break;
		case OPT_COUNT:
			op->run.count = 1;
			break;
		case OPT_BY:
			op->by = optarg;
			break;
		case OPT_EXACT:
			op->exact = 1;
			break;
		}
	}
	cli_check_common(&op->com);
	if (op->nlayers == 0)
		cli_usage("no polygon layer: name one with -p FILE");
	if (op->by && !op->run.count)
		cli_usage("--by needs --count");
	/* The last --by counts, as the last -a does: split it once. */
	if (op->by)
		op->run.by = cli_list(op->by, &op->run.nby);
	if (op->run.count && op->nlayers > 1)
		for (i = 0; i < op->nlayers; i++)
			if (op->layers[i].nattrs > 0)
				cli_usage("--count with several layers cannot "
				    "carry attributes (-a)");
	op->run.csv = op->com.csv;
	for (i = 0; i < op->nlayers; i++) {
		op->layers[i].make_valid = op->pending.make_valid;
		op->layers[i].csv.delim = ',';
		op->layers[i].no_fast = op->exact;
	}
}

/* GRIDIFY_DEBUG: each layer's fast index, as gridify(1) describes. */
static void
debug_index(const struct layer *layers, int n)
{
	double impure, slow;
	int i;

	for (i = 0; i < n; i++) {
		const struct layer *L = &layers[i];
		if (L->fast == NULL)
			continue;
		pip_stats(L->fast, &impure, &slow);
		fprintf(stderr, "layer %s: %zu polygons, %zu edges, index %zu "
		    "bytes, impure %.3f, slow %.5f\n", L->path, L->n,
		    L->nedges, pip_bytes(L->fast), impure, slow);
	}
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct layer layers[GRIDIFY_MAX_LAYERS];
	struct gridify_stats st;
	struct geo_ctx g;
	struct csvw *out = NULL, *rej = NULL;
	struct err e = {0};
	int i, status = CLI_EXIT_OK, loaded = 0;

	parse_options(argc, argv, &op);
	{
		struct cli_path in[GRIDIFY_MAX_LAYERS];

		for (i = 0; i < op.nlayers; i++)
			in[i] = (struct cli_path){"-p", op.layers[i].path};
		cli_check_paths(&op.com, in, op.nlayers, argv + optind,
		    argc - optind, NULL, 0);
	}
	/* GRIDIFY_BPE: the fast index's buckets per edge (benchmarks). */
	for (i = 0; i < op.nlayers && getenv("GRIDIFY_BPE"); i++)
		op.layers[i].buckets_per_edge = atof(getenv("GRIDIFY_BPE"));
	memset(layers, 0, sizeof layers);
	memset(&st, 0, sizeof st);
	if (geo_init(&g, &e) < 0)
		return cli_fail(&e);
	for (i = 0; i < op.nlayers; i++, loaded++)
		if (layer_load(&g, &layers[i], &op.layers[i], &e) < 0) {
			loaded++;
			status = cli_fail(&e);
			goto done;
		}
	if (getenv("GRIDIFY_DEBUG"))
		debug_index(layers, op.nlayers);
	if ((status = cli_open_writers(&op.com, &out, &rej)) != CLI_EXIT_OK)
		goto done;
	if (gridify_run(&g, layers, op.nlayers, &op.run, argv + optind,
	    argc - optind, out, rej, &st, &e) < 0)
		status = cli_fail(&e);
	{
		const struct cli_count counts[] = {{"read", st.read},
		    {"written", st.written}, {"rejected", st.rejected},
		    {"empty_rows", csv_skipped_total()},
		    {"dropped", st.dropped}, {"unmatched", st.unmatched}};

		status = cli_write_stats(&op.com, counts,
		    sizeof counts / sizeof counts[0], status);
	}
	status = cli_finish(&op.com, out, rej, status);
	out = rej = NULL;
	if (getenv("GRIDIFY_DEBUG"))
		for (i = 0; i < op.nlayers; i++)
			fprintf(stderr, "layer %s: %llu fast, %llu exact\n",
			    layers[i].path, layers[i].fast_hits,
			    layers[i].slow_hits);
	/* Once, at the end: points that all missed a layer's extent. */
	if (status == CLI_EXIT_OK) {
		struct buf warn = {0};

		if (gridify_extent_warnings(layers, op.nlayers, &st, &warn,
		    &e) < 0)
			status = cli_fail(&e);
		cli_warnings(&op.com, &warn);
		free(warn.data);
	}
	if (status == CLI_EXIT_OK)
		cli_summary(&op.com, "%llu read, %llu written, %llu rejected%s, "
		    "%llu dropped; %llu unmatched", st.read, st.written,
		    st.rejected, csv_skipped_note(), st.dropped, st.unmatched);
	status = cli_check_reject_rate(&op.com, st.read, st.rejected, status);
done:
	cli_finish(&op.com, out, rej, CLI_EXIT_FAIL);
	for (i = 0; i < loaded; i++)
		layer_free(&g, &layers[i]);
	geo_finish(&g);
	for (i = 0; i < op.nlayers; i++)
		strlist_free(op.layers[i].attrs, op.layers[i].nattrs);
	strlist_free(op.pending.attrs, op.pending.nattrs);
	strlist_free(op.run.by, op.run.nby);
	return status;
}
