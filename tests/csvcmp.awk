# csvcmp.awk - compare a CSV against a reference CSV, row by row on a key
# column and value by value on every shared column.  POSIX awk.  The one
# numeric comparator of the shell tests (tests/harness.sh calls it as
# cmpref and cmpexit).
#
#   awk -v key=COLUMN [-v tol=1e-9 | -v rel=1e-12] [-v byrow=1] \
#       [-v cols=all|same] [-v map=REF=OURS,...] [-v exact=C,...] \
#       [-v skip=C,...] [-v only=C,...] [-v show=5] \
#       -f tests/csvcmp.awk REFERENCE.csv OURS.csv
#
# - Rows are joined on the column named by `key` (both files must have it);
#   a reference row missing from ours, a row of ours missing from the
#   reference, or a key seen twice in one file is an error.
# - With `byrow=1`, rows are paired by position instead: the reference's
#   Nth row with our Nth, both files must have as many rows, and messages
#   name rows "row N".  `key` is then optional; when given, each pair must
#   also have the same key (so the rows come in the reference's order).
# - Columns are matched by name.  The reference's "Rank" is our "rank";
#   `map` renames more reference columns (REF=OURS, comma-separated).
# - A reference column that holds a number in any row must be in ours;
#   a reference column that holds only text (uName, say) is compared
#   exactly if ours has it, and otherwise left out.  Columns only ours
#   has are ignored, and so are the reference columns named in `skip`
#   (comma-separated); with `only`, just the reference columns named
#   there are compared.
# - `cols=all`: every reference column compared (not skipped) must be in
#   ours, text and empty ones too.  `cols=same`: besides, our header must
#   be the reference's (names after `map`), no column more, in the same
#   order.
# - Numbers: |ref - ours| <= tol (absolute, default 1e-9), or with `rel`
#   |ref - ours| <= rel * max(|ref|, 1) (relative, absolute near zero;
#   give tol or rel, not both); rank columns
#   (named rank or rank_*) and those listed in `exact` (by our names) must
#   be equal as numbers.  A reference "NA" or "" is a missing value: ours
#   must be empty there (in a text column, empty or "NA").  Anything of
#   ours that is not a plain number (nan, inf, NA, text) where the
#   reference has a number is a mismatch.
# - Prints the first `show` mismatches (default 5) and a count, and exits
#   1 on any mismatch (a reference without rows, or a column named in
#   only, skip or map that the reference lacks, counts as one); prints
#   nothing and exits 0 when all agree.  Exit 2 when a file is empty or
#   has no key column, and on options it cannot use (no key without
#   byrow, tol with rel, a tolerance that is not a number, cols other than
#   all or same).

# Split one CSV record (RFC 4180 quoting, no newlines inside fields) into
# f[1..n]; returns n.
function splitcsv(line, f,    nf, pos, c, q, fv) {
	nf = 0
	sub(/\r$/, "", line)
	pos = 1
	while (1) {
		fv = ""
		if (substr(line, pos, 1) == "\"") {
			pos++
			while (pos <= length(line)) {
				c = substr(line, pos, 1)
				if (c == "\"") {
					if (substr(line, pos + 1, 1) == "\"") {
						fv = fv "\""
						pos += 2
						continue
					}
					pos++
					break
				}
				fv = fv c
				pos++
			}
			# anything between the closing quote and the comma
			while (pos <= length(line) && substr(line, pos, 1) != ",") {
				fv = fv substr(line, pos, 1)
				pos++
			}
		} else {
			q = index(substr(line, pos), ",")
			if (q == 0) {
				fv = substr(line, pos)
				pos = length(line) + 1
			} else if (q > 1) {
				fv = substr(line, pos, q - 1)
				pos += q - 1
			}
		}
		f[++nf] = fv
		if (pos > length(line))
			break
		pos++	# the comma
		if (pos > length(line)) {	# a trailing comma: one more empty field
			f[++nf] = ""
			break
		}
	}
	return nf
}

function isnum(s) {
	return s ~ /^[ ]*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[ ]*$/
}

# How messages name a row: its key, or "row N" when paired by position.
function rowname(k) {
	return byrow ? "row " k : k
}

function usage(msg) {
	print "csvcmp: " msg
	exiting = 1
	exit 2
}

function bad(msg) {
	nbad++
	if (nbad <= show)
		print "  " msg
}

BEGIN {
	if (tol != "" && rel != "")
		usage("-v tol and -v rel: give one, not both")
	if ((tol != "" && !isnum(tol)) || (rel != "" && !isnum(rel)))
		usage("-v tol or -v rel: not a number")
	relative = (rel != "")
	rel += 0
	if (tol == "")
		tol = 1e-9
	tol += 0
	byrow = (byrow != "" && byrow != "0")
	if (cols != "" && cols != "all" && cols != "same")
		usage("-v cols=" cols ": all or same")
	if (show == "")
		show = 5
	nm = split(map, mp, ",")
	for (i = 1; i <= nm; i++) {
		eq = index(mp[i], "=")
		if (eq > 0)
			rename[substr(mp[i], 1, eq - 1)] = substr(mp[i], eq + 1)
	}
	if (!("Rank" in rename))
		rename["Rank"] = "rank"
	ns = split(skip, sk, ",")
	for (i = 1; i <= ns; i++)
		isskip[sk[i]] = 1
	no = split(only, on, ",")
	for (i = 1; i <= no; i++)
		isonly[on[i]] = 1
	ne = split(exact, ex, ",")
	for (i = 1; i <= ne; i++)
		isexact[ex[i]] = 1
	if (key == "" && !byrow)
		usage("-v key=COLUMN is required (or -v byrow=1)")
	file = 0
}

FNR == 1 {
	file++
	if (file > 2) {
		print "csvcmp: two files, not more"
		exiting = 1
		exit 2
	}
	ncol[file] = splitcsv($0, h)
	kcol[file] = 0
	for (i = 1; i <= ncol[file]; i++) {
		name = h[i]
		if (file == 1) {
			h1[i] = h[i]
			hidx[1, h[i]] = i
		}
		if (file == 1 && (name in rename))
			name = rename[name]
		colname[file, i] = name
		if (key != "" && h[i] == key)
			kcol[file] = i
		colidx[file, name] = i
	}
	if (key != "" && kcol[file] == 0) {
		print "csvcmp: " FILENAME ": no column \"" key "\""
		exiting = 1
		exit 2
	}
	next
}

{
	n = splitcsv($0, v)
	if (byrow)
		k = FNR - 1
	else
		k = v[kcol[file]]
	if ((file, k) in seen) {
		bad(FILENAME ": " key " \"" k "\" appears twice")
		next
	}
	seen[file, k] = 1
	if (file == 1)
		keys[++nkeys] = k
	else
		okeys[++nokeys] = k
	for (i = 1; i <= ncol[file]; i++)
		val[file, k, i] = (i <= n ? v[i] : "")
	if (n != ncol[file])
		bad(FILENAME ":" FNR ": " n " fields, header has " ncol[file])
	if (file == 1)
		for (i = 1; i <= n; i++)
			if (isnum(v[i]))
				numeric[i] = 1
}

END {
	if (exiting)
		exit 2
	if (file < 2) {
		print "csvcmp: two non-empty files needed"
		exit 2
	}
	if (nkeys == 0)
		bad("the reference has no rows")
	for (i = 1; i <= no; i++)
		if (!((1, on[i]) in hidx))
			bad("only: the reference has no column \"" on[i] "\"")
	for (i = 1; i <= ns; i++)
		if (!((1, sk[i]) in hidx))
			bad("skip: the reference has no column \"" sk[i] "\"")
	for (r in rename)
		if (r != "Rank" && !((1, r) in hidx))
			bad("map: the reference has no column \"" r "\"")
	if (cols == "same") {
		want = colname[1, 1]
		for (i = 2; i <= ncol[1]; i++)
			want = want "," colname[1, i]
		got = colname[2, 1]
		for (i = 2; i <= ncol[2]; i++)
			got = got "," colname[2, i]
		if (want != got)
			bad("header: want \"" want "\", got \"" got "\"")
	}
	# columns of the reference that ours must have
	for (i = 1; i <= ncol[1]; i++) {
		name = colname[1, i]
		if (i == kcol[1] || (h1[i] in isskip) || (no > 0 && !(h1[i] in isonly)))
			continue
		if ((2, name) in colidx) {
			pair[i] = colidx[2, name]
		} else if ((i in numeric) || cols != "") {
			bad("column \"" name "\" is missing")
		}
	}
	for (r = 1; r <= nkeys; r++) {
		k = keys[r]
		if (!((2, k) in seen)) {
			if (byrow)
				bad("row " k ": missing")
			else
				bad(key " \"" k "\": row missing")
			continue
		}
		if (byrow && key != "" && val[1, k, kcol[1]] != val[2, k, kcol[2]])
			bad("row " k ": " key " want \"" val[1, k, kcol[1]] "\", got \"" val[2, k, kcol[2]] "\"")
		rk = rowname(k)
		for (i = 1; i <= ncol[1]; i++) {
			if (!(i in pair))
				continue
			name = colname[1, i]
			w = val[1, k, i]
			g = val[2, k, pair[i]]
			if (!(i in numeric)) {
				if (w != g && !(w == "NA" && g == ""))
					bad(rk " " name ": want \"" w "\", got \"" g "\"")
				continue
			}
			if (w == "NA" || w == "") {
				if (g != "")
					bad(rk " " name ": want empty, got \"" g "\"")
				continue
			}
			if (!isnum(w)) {
				bad(rk " " name ": reference \"" w "\" is not a number")
				continue
			}
			if (!isnum(g)) {
				bad(rk " " name ": want " w ", got \"" g "\"")
				continue
			}
			d = (w + 0) - (g + 0)
			if (d < 0)
				d = -d
			lname = tolower(name)
			if (lname == "rank" || lname ~ /^rank_/ || (name in isexact)) {
				if (d != 0)
					bad(rk " " name ": want " w ", got " g " (exact)")
			} else if (relative) {
				s = w + 0
				if (s < 0)
					s = -s
				if (s < 1)
					s = 1
				if (d > rel * s)
					bad(rk " " name ": want " w ", got " g " (diff " d ", relative " d / s ")")
			} else if (d > tol) {
				bad(rk " " name ": want " w ", got " g " (diff " d ")")
			}
		}
	}
	for (r = 1; r <= nokeys; r++)
		if (!((1, okeys[r]) in seen)) {
			if (byrow)
				bad("row " okeys[r] ": not in the reference")
			else
				bad(key " \"" okeys[r] "\": row not in the reference")
		}
	if (nbad > 0) {
		if (nbad > show)
			print "  ..."
		print "csvcmp: " nbad " mismatches"
		exit 1
	}
}
