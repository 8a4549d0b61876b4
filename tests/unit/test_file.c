/* test_file.c - output files (base/file.h): a regular file or a new path is
 * replaced whole through a temporary name (never half, nothing left behind,
 * its permissions kept); a character device, a FIFO and a symbolic link are
 * written in place and stay what they are; "-" is standard output. The
 * device is a stand-in made with mknod in a scratch directory (as root; the
 * test says "skip" when it cannot make one), never the machine's /dev/null. */
#include "test.h"
#include "base/error.h"
#include "base/file.h"
#include "base/fileset.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static char dir[256];

static const char *at(const char *name)
{
	static char p[2][512];
	static int k;
	k ^= 1;
	snprintf(p[k], sizeof(p[k]), "%s/%s", dir, name);
	return p[k];
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static int kind(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 ? (int)(st.st_mode & S_IFMT) : 0;
}

/* Files in the scratch directory, to see that no temporary file is left. */
static int nfiles(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)))
		n += e->d_name[0] != '.';
	if (d)
		closedir(d);
	return n;
}

static void clean(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			unlink(at(e->d_name));
	if (d)
		closedir(d);
}

static void test_new_and_regular_files_are_replaced_whole(void)
{
	clean();
	CHECK_EQ_INT(hk_file_write(at("a.txt"), "one\n", 4), 0);
	CHECK_EQ_STR(slurp(at("a.txt")), "one\n");
	CHECK_EQ_INT(kind(at("a.txt")), S_IFREG);
	chmod(at("a.txt"), 0600);
	CHECK_EQ_INT(hk_file_write(at("a.txt"), "two\n", 4), 0);
	CHECK_EQ_STR(slurp(at("a.txt")), "two\n");
	{
		struct stat st;
		CHECK(stat(at("a.txt"), &st) == 0 && (st.st_mode & 07777) == 0600);
	}
	CHECK_EQ_INT(nfiles(), 1);
}

/* A writer that fails keeps the old file and leaves no temporary file. */
static void test_abort_keeps_the_old_file(void)
{
	hk_file *f = NULL;
	clean();
	CHECK_EQ_INT(hk_file_write(at("k.txt"), "old\n", 4), 0);
	CHECK_EQ_INT(hk_file_open(&f, at("k.txt"), 0), 0);
	CHECK(f != NULL);
	if (f) {
		fputs("half", hk_file_stream(f));
		CHECK(strcmp(hk_file_name(f), at("k.txt")) != 0); /* written under another name */
		hk_file_abort(f);
	}
	CHECK_EQ_STR(slurp(at("k.txt")), "old\n");
	CHECK_EQ_INT(nfiles(), 1);
	hk_file_abort(NULL);
}

static void test_errors_name_the_path(void)
{
	hk_file *f = (hk_file *)1;
	clean();
	CHECK_EQ_INT(hk_file_write(at("no/such/dir.txt"), "x", 1), HK_EINPUT);
	CHECK(strstr(hk_error_last(), "no/such/dir.txt") != NULL);
	CHECK_EQ_INT(hk_file_open(&f, dir, 0), HK_EINPUT);
	CHECK(f == NULL);
	CHECK(strstr(hk_error_last(), "directory") != NULL);
	CHECK_EQ_INT(hk_file_write("", "x", 1), HK_EINPUT);
	CHECK_EQ_INT(nfiles(), 0);
}

/* The symbolic link stays a link; its target gets the content. */
static void test_symlink_target_is_written_in_place(void)
{
	clean();
	CHECK_EQ_INT(hk_file_write(at("target.txt"), "old\n", 4), 0);
	CHECK_EQ_INT(symlink("target.txt", at("link.txt")), 0);
	CHECK_EQ_INT(hk_file_write(at("link.txt"), "new\n", 4), 0);
	CHECK_EQ_INT(kind(at("link.txt")), S_IFLNK);
	CHECK_EQ_STR(slurp(at("target.txt")), "new\n");
	/* a dangling link: its target is created, as a shell redirection does */
	CHECK_EQ_INT(symlink("made.txt", at("dangling.txt")), 0);
	CHECK_EQ_INT(hk_file_write(at("dangling.txt"), "made\n", 5), 0);
	CHECK_EQ_INT(kind(at("dangling.txt")), S_IFLNK);
	CHECK_EQ_STR(slurp(at("made.txt")), "made\n");
	CHECK_EQ_INT(nfiles(), 4);
}

/* A FIFO stays a FIFO and its reader gets the bytes. */
static void test_fifo_is_written_in_place(void)
{
	char got[64] = "";
	int rd;
	ssize_t n;
	clean();
	CHECK_EQ_INT(mkfifo(at("fifo"), 0600), 0);
	rd = open(at("fifo"), O_RDONLY | O_NONBLOCK); /* a reader, so that the writer's open returns */
	CHECK(rd >= 0);
	CHECK_EQ_INT(hk_file_write(at("fifo"), "through the pipe\n", 17), 0);
	n = read(rd, got, sizeof(got) - 1);
	got[n > 0 ? n : 0] = '\0';
	close(rd);
	CHECK_EQ_STR(got, "through the pipe\n");
	CHECK_EQ_INT(kind(at("fifo")), S_IFIFO);
	CHECK_EQ_INT(nfiles(), 1);
}

/* A character device like /dev/null (1,3), made here: it stays a device,
 * streamed and by name (the way the XLSX writer writes). */
static void test_char_device_stays_a_device(void)
{
	hk_file *f = NULL;
	clean();
	if (mknod(at("null"), S_IFCHR | 0666, makedev(1, 3)) != 0) {
		if (geteuid() != 0) {
			printf("ok - test_char_device_stays_a_device # skip mknod needs root (%s)\n", strerror(errno));
			return;
		}
		CHECK(!"mknod c 1 3 failed as root");
		return;
	}
	CHECK_EQ_INT(hk_file_write(at("null"), "gone\n", 5), 0);
	CHECK_EQ_INT(kind(at("null")), S_IFCHR);
	CHECK_EQ_INT(hk_file_open(&f, at("null"), HK_FILE_BY_NAME), 0);
	if (f) {
		FILE *w = fopen(hk_file_name(f), "w"); /* a temporary file, not the device */
		CHECK(w != NULL && strncmp(hk_file_name(f), dir, strlen(dir)) != 0);
		if (w) {
			fputs("by name\n", w);
			fclose(w);
		}
		CHECK_EQ_INT(hk_file_commit(f), 0);
	}
	CHECK_EQ_INT(kind(at("null")), S_IFCHR);
	CHECK_EQ_INT(nfiles(), 1);
	unlink(at("null"));
}

/* By name into a regular file: the library writes the temporary file, commit
 * renames it. */
static void test_by_name_regular(void)
{
	hk_file *f = NULL;
	clean();
	CHECK_EQ_INT(hk_file_open(&f, at("book.xlsx"), HK_FILE_BY_NAME), 0);
	CHECK(f && hk_file_stream(f) == NULL);
	if (f) {
		FILE *w = fopen(hk_file_name(f), "w");
		CHECK(w != NULL);
		if (w) {
			fputs("zip bytes", w);
			fclose(w);
		}
		CHECK_EQ_INT(hk_file_commit(f), 0);
	}
	CHECK_EQ_STR(slurp(at("book.xlsx")), "zip bytes");
	CHECK_EQ_INT(nfiles(), 1);
}

/* "-" writes to standard output (here redirected to a file). */
static void test_dash_is_stdout(void)
{
	int saved, fd;
	clean();
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	fd = open(at("captured"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDOUT_FILENO);
	close(fd);
	CHECK_EQ_INT(hk_file_write("-", "to stdout\n", 10), 0);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	CHECK_EQ_STR(slurp(at("captured")), "to stdout\n");
	CHECK_EQ_INT(kind("-") == 0 || access("-", F_OK) != 0, 1); /* no file named "-" */
	CHECK_EQ_INT(nfiles(), 1);
}

/* A set of files (base/fileset.h): nothing is in place before the commit;
 * an abort leaves the old files and no temporary file; the commit puts all. */
static void test_fileset_all_or_nothing(void)
{
	hk_fileset *set = NULL;
	clean();
	CHECK_EQ_INT(hk_file_write(at("b.csv"), "old\n", 4), 0);
	CHECK_EQ_INT(hk_fileset_add(&set, at("a.csv"), "a\n", 2), 0);
	CHECK_EQ_INT(hk_fileset_add(&set, at("b.csv"), "b\n", 2), 0);
	CHECK_EQ_INT(kind(at("a.csv")), 0);       /* not yet in place */
	CHECK_EQ_STR(slurp(at("b.csv")), "old\n");
	CHECK_EQ_INT(nfiles(), 3);                /* b.csv and two temporary files */
	hk_fileset_abort(set);
	CHECK_EQ_INT(nfiles(), 1);
	CHECK_EQ_STR(slurp(at("b.csv")), "old\n");
	set = NULL;
	CHECK_EQ_INT(hk_fileset_add(&set, at("a.csv"), "a\n", 2), 0);
	CHECK_EQ_INT(hk_fileset_add(&set, at("b.csv"), "b\n", 2), 0);
	/* a file that cannot be made: an error naming it; the set keeps the others */
	CHECK(hk_fileset_add(&set, at("no/such/dir/c.csv"), "c\n", 2) < 0);
	CHECK(strstr(hk_error_last(), "no/such/dir/c.csv") != NULL);
	CHECK_EQ_INT(hk_fileset_commit(set), 0);
	CHECK_EQ_STR(slurp(at("a.csv")), "a\n");
	CHECK_EQ_STR(slurp(at("b.csv")), "b\n");
	CHECK_EQ_INT(nfiles(), 2);
	hk_fileset_abort(NULL);
	CHECK_EQ_INT(hk_fileset_commit(NULL), 0);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof(dir), "%s/hk-test-file-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		printf("not ok - mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	RUN(test_new_and_regular_files_are_replaced_whole);
	RUN(test_abort_keeps_the_old_file);
	RUN(test_errors_name_the_path);
	RUN(test_symlink_target_is_written_in_place);
	RUN(test_fifo_is_written_in_place);
	RUN(test_char_device_stays_a_device);
	RUN(test_by_name_regular);
	RUN(test_dash_is_stdout);
	RUN(test_fileset_all_or_nothing);
	clean();
	rmdir(dir);
	return TEST_DONE();
}
