/*
 * gridify - place report points in polygons (unit grids, communities,
 * streets, districts) and append their ids, or count points per polygon.
 * Option parsing only; the work is in lib/gridify.c and lib/geo.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "geo/layer.h"
#include "geo/gridify.h"
#include "core/util.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

#define MAX_LAYERS 16

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
    "      --by COLUMN       split the counts by this column's values\n"
    "\n"
    "Input and output:\n"
    "  -d, --delimiter CHAR  input field separator (default: ,)\n"
    "      --tsv             input is tab-separated\n"
    "      --encoding ENC    input encoding, e.g. gb18030 or gbk\n"
    "                        (default: utf-8)\n"
    "  -o, --output FILE     write here instead of standard output\n"
    "      --reject FILE     write bad records here and go on\n"
    "  -q, --quiet           no summary line on standard error\n"
    "      --exact           locate with GEOS only (for checking)\n"
    "  -h, --help            show this help and exit\n"
    "  -V, --version         show the version and exit\n"
    "\n"
    "Exit status: 0 success, 1 bad data or I/O error, 2 bad usage.\n";

struct options {
	struct layer_opts layers[MAX_LAYERS];
	int nlayers;
	struct gridify_opts run;
	const char *output, *reject;
	int quiet, exact;
	/* layer options seen before the first -p */
	struct layer_opts pending;
	int pending_set;
};

enum {
	OPT_ID_FIELD = 256,
	OPT_WKT_FIELD,
	OPT_AS,
	OPT_MAKE_VALID,
	OPT_UNMATCHED,
	OPT_COUNT,
	OPT_BY,
	OPT_TSV,
	OPT_ENCODING,
	OPT_REJECT,
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
	{"delimiter", required_argument, NULL, 'd'},
	{"tsv", no_argument, NULL, OPT_TSV},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"output", required_argument, NULL, 'o'},
	{"reject", required_argument, NULL, OPT_REJECT},
	{"quiet", no_argument, NULL, 'q'},
	{"exact", no_argument, NULL, OPT_EXACT},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0}
};

static void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "gridify: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'gridify --help' for more information.\n");
	exit(2);
}

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
	struct layer_opts *L;
	int c;

	memset(op, 0, sizeof *op);
	op->run.xcol = "lon";
	op->run.ycol = "lat";
	op->run.unmatched = UNMATCHED_KEEP;
	op->run.csv.delim = ',';
	while ((c = getopt_long(argc, argv, "p:a:x:y:d:o:qhV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'p':
			if (op->nlayers == MAX_LAYERS)
				usage_error("at most %s polygon layers", "16");
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
			L->nattrs = strlist_split(optarg, &L->attrs);
			if (L->nattrs < 0) {
				fprintf(stderr, "gridify: out of memory\n");
				exit(1);
			}
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
			if (strcmp(optarg, "keep") == 0)
				op->run.unmatched = UNMATCHED_KEEP;
			else if (strcmp(optarg, "drop") == 0)
				op->run.unmatched = UNMATCHED_DROP;
			else if (strcmp(optarg, "reject") == 0)
				op->run.unmatched = UNMATCHED_REJECT;
			else
				usage_error("--unmatched must be keep, drop or "
				    "reject, not \"%s\"", optarg);
			break;
		case OPT_COUNT:
			op->run.count = 1;
			break;
		case OPT_BY:
			op->run.by = optarg;
			break;
		case 'd':
			if (strlen(optarg) != 1 || optarg[0] == '"' ||
			    optarg[0] == '\n' || optarg[0] == '\r')
				usage_error("the delimiter must be one byte other "
				    "than a quote or a line end, not \"%s\"",
				    optarg);
			op->run.csv.delim = (unsigned char)optarg[0];
			break;
		case OPT_TSV:
			op->run.csv.delim = '\t';
			break;
		case OPT_ENCODING:
			op->run.csv.encoding = optarg;
			break;
		case 'o':
			op->output = optarg;
			break;
		case OPT_REJECT:
			op->reject = optarg;
			break;
		case 'q':
			op->quiet = 1;
			break;
		case OPT_EXACT:
			op->exact = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1);
		case 'V':
			printf("gridify %s\n", VERSION);
			exit(fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1);
		default:
			fprintf(stderr,
			    "Try 'gridify --help' for more information.\n");
			exit(2);
		}
	}
	if (op->nlayers == 0)
		usage_error("%s", "no polygon layer: name one with -p FILE");
	if (op->reject && strcmp(op->reject, "-") == 0)
		usage_error("%s", "--reject - would mix rejects into the output; "
		    "name a file");
	if (op->run.by && !op->run.count)
		usage_error("%s", "--by needs --count");
	if (op->run.count && op->nlayers > 1) {
		int i;
		for (i = 0; i < op->nlayers; i++)
			if (op->layers[i].nattrs > 0)
				usage_error("%s", "--count with several layers "
				    "cannot carry attributes (-a)");
	}
	{
		int i;
		for (i = 0; i < op->nlayers; i++) {
			op->layers[i].make_valid = op->pending.make_valid;
			op->layers[i].csv.delim = ',';
			op->layers[i].no_fast = op->exact;
		}
	}
}

static int
fail(struct err *e)
{
	fprintf(stderr, "gridify: %s\n", e->msg);
	return e->kind == ERR_USAGE ? 2 : 1;
}

int
main(int argc, char **argv)
{
	static struct options op;
	struct layer layers[MAX_LAYERS];
	struct gridify_stats st;
	struct geo_ctx g;
	struct csvw *out = NULL, *rej = NULL;
	struct err e = {0}, e2 = {0};
	int i, status = 0, loaded = 0;

	parse_options(argc, argv, &op);
	memset(layers, 0, sizeof layers);
	if (geo_init(&g, &e) < 0)
		return fail(&e);
	for (i = 0; i < op.nlayers; i++, loaded++)
		if (layer_load(&g, &layers[i], &op.layers[i], &e) < 0) {
			loaded++;
			status = fail(&e);
			goto done;
		}
	out = csvw_open(op.output ? op.output : "-", &e);
	if (out == NULL) {
		status = fail(&e);
		goto done;
	}
	if (op.reject && (rej = csvw_open(op.reject, &e)) == NULL) {
		status = fail(&e);
		goto done;
	}
	if (gridify_run(&g, layers, op.nlayers, &op.run, argv + optind,
	    argc - optind, out, rej, &st, &e) < 0)
		status = fail(&e);
	if (csvw_close(out, &e2) < 0 && status == 0)
		status = fail(&e2);
	out = NULL;
	if (csvw_close(rej, &e2) < 0 && status == 0)
		status = fail(&e2);
	rej = NULL;
	if (status == 0 && !op.quiet)
		fprintf(stderr,
		    "gridify: %llu read, %llu written, %llu rejected, "
		    "%llu dropped; %llu unmatched\n",
		    st.read, st.written, st.rejected, st.dropped, st.unmatched);
done:
	csvw_close(out, &e2);
	csvw_close(rej, &e2);
	for (i = 0; i < loaded; i++)
		layer_free(&g, &layers[i]);
	geo_finish(&g);
	for (i = 0; i < op.nlayers; i++)
		strlist_free(op.layers[i].attrs, op.layers[i].nattrs);
	strlist_free(op.pending.attrs, op.pending.nattrs);
	return status;
}
