/*
 * import_part.c - the workers of an import split over processes
 * (import_part.h): the plan that shares the tables out, and the forked
 * child that loads a share into its own part file.
 */
#include "registry/import_part.h"
#include "base/buf.h"
#include "base/cleanup.h"
#include "base/error.h"
#include "base/fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct hk_import_part {
	pid_t pid; /* 0: waited for */
	int fd;    /* the pipe's read end, -1: closed */
	hk_buf path;
};

/* The time the whole load takes, in the unit of hk_import_cost: every worker
 * loads its share at once, then worker 0 copies the other workers' tables
 * into the db (measured on the demo county: copying a share costs about a
 * quarter of loading it, 0.11 s against 0.46 s). */
#define MERGE_PER_COST 0.25

static double makespan(const long long *load, int nworkers)
{
	double worst = (double)load[0], copies = 0;
	for (int w = 1; w < nworkers; w++) {
		copies += MERGE_PER_COST * (double)load[w];
		if ((double)load[w] > worst)
			worst = (double)load[w];
	}
	return worst + copies;
}

/* Loading a table costs its bytes, and each of its indexes (the primary
 * key's too) about 18 % more: measured table by table on the demo county,
 * payments (4 indexes) 31.5 ms a MB, visits (3) 28.8, members (2) 24.5,
 * plans (1) 21.6. */
long long hk_import_cost(const struct hk_table *t, long long bytes)
{
	size_t n = strlen(t->name), nidx = t->pk != NULL;
	const char *def;

	for (size_t i = 0; (def = hk_schema_index_def(i)) != NULL; i++)
		nidx += strncmp(def, t->name, n) == 0 && def[n] == '(';
	return bytes + bytes * 18 / 100 * (long long)nidx;
}

int hk_import_plan(int *worker, const long long *bytes, size_t ntables, int nworkers)
{
	long long load[HK_IMPORT_MAX_JOBS] = {0};
	unsigned char done[HK_SCHEMA_NTABLES] = {0};
	int used = 1;

	if (nworkers < 1)
		nworkers = 1;
	if (nworkers > HK_IMPORT_MAX_JOBS)
		nworkers = HK_IMPORT_MAX_JOBS;
	for (size_t i = 0; i < ntables; i++)
		worker[i] = 0;
	for (;;) {
		size_t big = ntables;
		int best = 0;
		double best_span = 0;
		for (size_t i = 0; i < ntables && i < HK_SCHEMA_NTABLES; i++)
			if (!done[i] && bytes[i] > 0 && (big == ntables || bytes[i] > bytes[big]))
				big = i;
		if (big == ntables)
			break;
		/* to the worker that leaves the whole load done soonest (the
		 * lowest such worker: the used ones are 0 .. used-1) */
		for (int w = 0; w < nworkers && w <= used; w++) {
			double span;
			load[w] += bytes[big];
			span = makespan(load, nworkers);
			load[w] -= bytes[big];
			if (w == 0 || span < best_span)
				best = w, best_span = span;
		}
		worker[big] = best;
		load[best] += bytes[big];
		done[big] = 1;
		if (best + 1 > used)
			used = best + 1;
	}
	return used;
}

/* The child: loads its share into the part file and writes its result. */
static void child_main(int fd, const char *path, int worker, hk_import_part_fn fn, void *arg)
{
	struct hk_import_part_result res;
	sqlite3 *db = NULL;
	int err = HK_EINTERNAL;

	memset(&res, 0, sizeof(res));
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, HK_IMPORT_BULK_PRAGMAS, NULL, NULL, NULL) == SQLITE_OK &&
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK && hk_schema_create_tables(db) == 0 &&
	    (err = fn(db, arg, worker, &res)) == 0) {
		/* the indexes after the rows, as in the db: the same schema, so
		 * the copy into the db takes them as they are */
		if (res.said || hk_schema_create(db) != 0 || sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
			err = HK_EINTERNAL;
	}
	if (sqlite3_close(db) != SQLITE_OK)
		err = HK_EINTERNAL;
	res.ok = err == 0;
	_exit(hk_fdio_write_all(fd, &res, sizeof(res)) == 0 ? 0 : 1);
}

int hk_import_part_start(hk_import_part **out, const char *db_path, int worker, hk_import_part_fn fn,
			 void *arg)
{
	hk_import_part *p = calloc(1, sizeof(*p));
	int pp[2] = {-1, -1}, fd = -1, err = 0;

	*out = NULL;
	if (!p)
		return hk_error_setc(HK_EINTERNAL, "out of memory");
	p->fd = -1;
	for (int n = 0; n < 100 && fd < 0; n++) {
		hk_buf_clear(&p->path);
		if (hk_buf_printf(&p->path, "%s.part%d-%ld-%d", db_path, worker, (long)getpid(), n) != 0) {
			err = hk_error_setc(HK_EINTERNAL, "out of memory");
			goto done;
		}
		fd = open(p->path.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST) {
			err = hk_error_setc(HK_EINTERNAL, "cannot create '%s': %s", p->path.ptr, hk_strerror(errno));
			goto done;
		}
	}
	if (fd < 0) {
		err = hk_error_setc(HK_EINTERNAL, "cannot create a part file beside '%s'", db_path);
		goto done;
	}
	close(fd);
	hk_cleanup_add(p->path.ptr); /* removed if the import is interrupted */
	if (pipe2(pp, O_CLOEXEC) != 0) {
		err = hk_error_setc(HK_EINTERNAL, "cannot make a pipe for an import process: %s", hk_strerror(errno));
		goto done;
	}
	p->pid = hk_cleanup_fork(); /* ends with the parent, removes none of its files */
	if (p->pid < 0) {
		p->pid = 0;
		err = hk_error_setc(HK_EINTERNAL, "cannot start an import process: %s", hk_strerror(errno));
		goto done;
	}
	if (p->pid == 0) {
		close(pp[0]);
		child_main(pp[1], p->path.ptr, worker, fn, arg);
	}
	p->fd = pp[0];
	pp[0] = -1;
done:
	if (pp[0] >= 0)
		close(pp[0]);
	if (pp[1] >= 0)
		close(pp[1]);
	if (err) {
		hk_import_part_free(p);
		return err;
	}
	*out = p;
	return 0;
}

int hk_import_part_wait(hk_import_part *p, struct hk_import_part_result *res)
{
	size_t got = 0;
	int status = 0;

	memset(res, 0, sizeof(*res));
	if (p->fd >= 0) {
		got = hk_fdio_read_full(p->fd, res, sizeof(*res));
		close(p->fd);
	}
	p->fd = -1;
	while (p->pid > 0 && waitpid(p->pid, &status, 0) < 0 && errno == EINTR)
		;
	if (p->pid > 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
		got = 0;
	p->pid = 0;
	if (got != sizeof(*res))
		memset(res, 0, sizeof(*res));
	return 0;
}

const char *hk_import_part_path(const hk_import_part *p)
{
	return p->path.ptr;
}

void hk_import_part_free(hk_import_part *p)
{
	if (!p)
		return;
	if (p->fd >= 0)
		close(p->fd);
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	hk_cleanup_remove(p->path.ptr);
	hk_buf_free(&p->path);
	free(p);
}
