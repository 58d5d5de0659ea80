/*
 * Unit tests for lib/core/outfile.c and the writer's use of it
 * (lib/core/csvw.c): a file replaced only on commit, the old one intact
 * after a discard, no temporary file left, permissions kept, devices
 * written in place; the writer's output encodings, byte order mark and
 * rectangular reject rows.
 */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csvio.h"
#include "core/outfile.h"
#include "../t.h"

void suite_outfile(void);

/* How many names in dir start with a dot (temporary files)? */
static int
dot_files(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_commit_and_discard(void)
{
	char dir[512], path[600], *got;
	struct outfile of;
	struct err e = {0};
	struct stat st;

	snprintf(dir, sizeof dir, "%s/outfile", t_dir());
	CHECK_INT(mkdir(dir, 0777), 0);
	snprintf(path, sizeof path, "%s/a.csv", dir);
	CHECK(t_file("outfile/a.csv", "old\n", 4) != NULL);
	CHECK_INT(chmod(path, 0640), 0);

	/* While open, the data goes to a temporary file beside it and the
	 * old file is untouched. */
	CHECK_INT(outfile_open(&of, path, 0, &e), 0);
	CHECK(strcmp(outfile_write_path(&of), path) != 0);
	CHECK(strncmp(outfile_write_path(&of), dir, strlen(dir)) == 0);
	CHECK_INT(dot_files(dir), 1);
	CHECK_INT((int)write(of.fd, "new\n", 4), 4);
	got = t_slurp(path, NULL);
	CHECK_STR(got, "old\n");
	free(got);

	/* Discarded: the old file as it was, nothing left beside it. */
	outfile_discard(&of);
	got = t_slurp(path, NULL);
	CHECK_STR(got, "old\n");
	free(got);
	CHECK_INT(dot_files(dir), 0);

	/* Committed: the new bytes in place, the permissions kept. */
	CHECK_INT(outfile_open(&of, path, 0, &e), 0);
	CHECK_INT((int)write(of.fd, "new\n", 4), 4);
	CHECK_INT(outfile_commit(&of, &e), 0);
	got = t_slurp(path, NULL);
	CHECK_STR(got, "new\n");
	free(got);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT((int)(st.st_mode & 07777), 0640);
	CHECK_INT(dot_files(dir), 0);

	/* The suffix stays at the end of the temporary name (gnuplot picks
	 * its terminal by it). */
	snprintf(path, sizeof path, "%s/c.svg", dir);
	CHECK_INT(outfile_open(&of, path, 4, &e), 0);
	{
		const char *w = outfile_write_path(&of);
		size_t n = strlen(w);

		CHECK(n > 4 && strcmp(w + n - 4, ".svg") == 0);
	}
	outfile_discard(&of);
	CHECK(access(path, F_OK) < 0 && errno == ENOENT);

	/* A device is written in place: nothing to rename. */
	CHECK_INT(outfile_open(&of, "/dev/null", 0, &e), 0);
	CHECK_STR(outfile_write_path(&of), "/dev/null");
	CHECK_INT(outfile_commit(&of, &e), 0);

	/* A folder that does not exist: the plain reason. */
	snprintf(path, sizeof path, "%s/none/a.csv", dir);
	CHECK_INT(outfile_open(&of, path, 0, &e), -1);
	CHECK_INT(e.kind, ERR_IO);
	CHECK(strstr(e.msg, "No such file or directory") != NULL);

	/* A zeroed outfile may be discarded. */
	memset(&of, 0, sizeof of);
	of.fd = -1;
	outfile_discard(&of);
}

/* A writer that fails leaves the old file; one that closes replaces it. */
static void
test_writer_replaces(void)
{
	char path[600], *got;
	struct csvw *w;
	struct err e = {0};

	snprintf(path, sizeof path, "%s/w.csv", t_dir());
	CHECK(t_file("w.csv", "old\n", 4) != NULL);
	w = csvw_open(path, &e);
	CHECK(w != NULL);
	CHECK_INT(csvw_str(w, "x", &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_flush(w, &e), 0);
	csvw_discard(w);
	got = t_slurp(path, NULL);
	CHECK_STR(got, "old\n");
	free(got);

	w = csvw_open(path, &e);
	CHECK(w != NULL);
	CHECK_INT(csvw_str(w, "x", &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_close(w, &e), 0);
	got = t_slurp(path, NULL);
	CHECK_STR(got, "x\n");
	free(got);
}

/* GB18030 out, a byte order mark, and the refusals. */
static void
test_writer_encoding(void)
{
	char path[600], *got;
	struct csvw *w;
	struct err e = {0};
	size_t len = 0;

	/* 东 is E4 B8 9C in UTF-8 and B6 AB in GB18030. */
	snprintf(path, sizeof path, "%s/gb.csv", t_dir());
	w = csvw_open(path, &e);
	CHECK_INT(csvw_set_encoding(w, "gb18030", 0, &e), 0);
	CHECK_INT(csvw_str(w, "\xe4\xb8\x9c", &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_close(w, &e), 0);
	got = t_slurp(path, &len);
	CHECK_INT((int)len, 3);
	CHECK(got && memcmp(got, "\xb6\xab\n", 3) == 0);
	free(got);

	/* A character cut by the buffer's end is converted whole: 40
	 * fields of 1,000 three-byte characters cross the 64 KiB buffer. */
	w = csvw_open(path, &e);
	CHECK_INT(csvw_set_encoding(w, "GB18030", 0, &e), 0);
	{
		static char field[3000];
		int i, ok = 1;

		for (i = 0; i < 3000; i += 3)
			memcpy(field + i, "\xe4\xb8\x9c", 3);
		for (i = 0; i < 40 && ok; i++)
			ok = csvw_field(w, field, sizeof field, &e) == 0 &&
			    csvw_end(w, &e) == 0;
		CHECK(ok);
	}
	CHECK_INT(csvw_close(w, &e), 0);
	got = t_slurp(path, &len);
	/* 40,000 characters of two bytes and 40 line ends, and every
	 * record the same 2,001 bytes: none was cut. */
	CHECK_INT((int)len, 80040);
	{
		size_t k;
		int same = got != NULL;

		for (k = 0; same && k < len; k++)
			same = got[k] == (k % 2001 == 2000 ? '\n' :
			    k % 2001 % 2 == 0 ? '\xb6' : '\xab');
		CHECK(same);
	}
	free(got);

	/* UTF-8 with a byte order mark. */
	w = csvw_open(path, &e);
	CHECK_INT(csvw_set_encoding(w, "utf-8", 1, &e), 0);
	CHECK_INT(csvw_str(w, "a", &e), 0);
	CHECK_INT(csvw_end(w, &e), 0);
	CHECK_INT(csvw_close(w, &e), 0);
	got = t_slurp(path, &len);
	CHECK_STR(got, "\xef\xbb\xbf" "a\n");
	free(got);

	/* No mark with another encoding; no unknown encoding. */
	w = csvw_open(path, &e);
	CHECK_INT(csvw_set_encoding(w, "gb18030", 1, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	CHECK_INT(csvw_set_encoding(w, "no-such-encoding", 0, &e), -1);
	CHECK_INT(e.kind, ERR_USAGE);
	csvw_discard(w);
}

/* Reject rows have the header's width plus error and line. */
static void
test_reject_rows(void)
{
	char path[600], *got;
	char *hf[] = {"a", "b"}, *rf[] = {"1", "2"}, *wf[] = {"x,y", "z", "w"};
	size_t hl[] = {1, 1}, rl[] = {1, 1}, wl[] = {3, 1, 1};
	struct csv_record h = {2, hf, hl, 1, 0};
	struct csv_record r = {2, rf, rl, 3, 0};
	struct csv_record wide = {3, wf, wl, 7, 0};
	struct csvw *w;
	struct err e = {0};

	snprintf(path, sizeof path, "%s/rej.csv", t_dir());
	w = csvw_open(path, &e);
	CHECK_INT(csvw_reject_header(w, &h, &e), 0);
	CHECK_INT(csvw_reject(w, &r, "bad", &e), 0);
	CHECK_INT(csvw_reject(w, &wide, "too wide", &e), 0);
	CHECK_INT(csvw_close(w, &e), 0);
	got = t_slurp(path, NULL);
	/* The wide record whole in the first column, its own quotes doubled:
	 * "x,y",z,w read back as one field. */
	CHECK_STR(got, "a,b,error,line\n"
	    "1,2,bad,3\n"
	    "\"\"\"x,y\"\",z,w\",,too wide,7\n");
	free(got);
}

/*
 * A run killed by SIGTERM, SIGINT, SIGHUP or SIGPIPE (a cron timeout,
 * Ctrl-C, "| head") leaves no temporary file and the old file as it was,
 * and still dies of that signal; one the caller ignores stays ignored.
 * Each case runs in a child, which sends itself the signal.
 */
static void
test_killed(void)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGPIPE};
	char dir[512], path[600], *got;
	size_t i;

	snprintf(dir, sizeof dir, "%s/outfile-killed", t_dir());
	CHECK_INT(mkdir(dir, 0777), 0);
	snprintf(path, sizeof path, "%s/k.csv", dir);
	CHECK(t_file("outfile-killed/k.csv", "old\n", 4) != NULL);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		int status = 0;
		pid_t pid = fork();

		if (pid == 0) {
			struct outfile a, b;
			struct err e = {0};

			/* Two pending files, one of them new. */
			if (outfile_open(&a, path, 0, &e) < 0 ||
			    write(a.fd, "new\n", 4) != 4)
				_exit(3);
			snprintf(path + strlen(path) - 5, 6, "n.csv");
			if (outfile_open(&b, path, 0, &e) < 0)
				_exit(3);
			raise(sigs[i]);
			_exit(4); /* not reached: the signal ends it */
		}
		CHECK(pid > 0);
		CHECK(waitpid(pid, &status, 0) == pid);
		CHECK(WIFSIGNALED(status) && WTERMSIG(status) == sigs[i]);
		CHECK_INT(dot_files(dir), 0);
	}
	got = t_slurp(path, NULL);
	CHECK_STR(got, "old\n");
	free(got);
	snprintf(path + strlen(path) - 5, 6, "n.csv");
	CHECK(access(path, F_OK) != 0);

	/* Ignored before the first file (nohup): still ignored after. */
	{
		int status = 0;
		pid_t pid = fork();

		if (pid == 0) {
			struct outfile a;
			struct err e = {0};

			signal(SIGHUP, SIG_IGN);
			if (outfile_open(&a, path, 0, &e) < 0)
				_exit(3);
			raise(SIGHUP);
			outfile_discard(&a);
			_exit(0);
		}
		CHECK(pid > 0);
		CHECK(waitpid(pid, &status, 0) == pid);
		CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
		CHECK_INT(dot_files(dir), 0);
	}
}

void
suite_outfile(void)
{
	test_commit_and_discard();
	test_writer_replaces();
	test_writer_encoding();
	test_reject_rows();
	test_killed();
}
