/* Atomic file and folder publication (base layer). */
#define _GNU_SOURCE
#include "fs.h"
#include "alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static char *read_stream(FILE *f, size_t *len, size_t limit);

/* A private folder whose files are synced in one pass before it is published:
 * writes under it skip their own fsync (see isms_fs_defer_sync). */
static char *deferred;
static size_t ndeferred;

void
isms_fs_defer_sync(const char *dir)
{
	free(deferred);
	deferred = dir ? isms_xstrdup(dir) : NULL;
	ndeferred = dir ? strlen(dir) : 0;
}

static int
sync_deferred(const char *path)
{
	return deferred && !strncmp(path, deferred, ndeferred) && path[ndeferred] == '/';
}

int
isms_fs_write_atomic(const char *path, const void *data, size_t len)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0 || (!sync_deferred(path) && fsync(fd) < 0)) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		return -1;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}

int
isms_fs_mkdir_p(const char *path, int mode)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, (mode_t)mode) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

int
isms_fs_remove_at(int dirfd, const char *name)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		/* a symbolic link or a file: remove the name itself, never what it points to */
		if (errno == ENOTDIR || errno == ELOOP)
			return unlinkat(dirfd, name, 0);
		return -1;
	}
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		struct stat st;
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode))
			rc |= isms_fs_remove_at(fd, e->d_name);
		else
			rc |= unlinkat(fd, e->d_name, 0);
	}
	closedir(d);
	rc |= unlinkat(dirfd, name, AT_REMOVEDIR);
	return rc ? -1 : 0;
}

/* One pass over the tree: phase 0 starts the write-back of every file (the disk
 * works on all of them at once), phase 1 waits for each with fsync. */
static int
sync_tree(int dirfd, const char *name, int phase)
{
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		int type = e->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
				rc = -1;
				continue;
			}
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		if (type == DT_DIR) {
			rc |= sync_tree(fd, e->d_name, phase);
		} else if (type == DT_REG) {
			int f = openat(fd, e->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
			if (f < 0)
				rc = -1;
			else if (phase == 0)
				sync_file_range(f, 0, 0, SYNC_FILE_RANGE_WRITE); /* a hint only */
			else if (fsync(f) < 0)
				rc = -1;
			if (f >= 0)
				close(f);
		}
	}
	if (phase == 1 && fsync(fd) < 0)
		rc = -1;
	closedir(d);
	return rc;
}

int
isms_fs_sync_tree_at(int dirfd, const char *name)
{
	if (sync_tree(dirfd, name, 0) < 0)
		return -1;
	return sync_tree(dirfd, name, 1);
}

char *
isms_fs_read_file(const char *path, size_t *len, size_t limit)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	return read_stream(f, len, limit);
}

char *
isms_fs_read_regular(const char *path, size_t *len, size_t limit)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer that never comes */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = ENODEV;
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		return NULL;
	}
	return read_stream(f, len, limit);
}

static char *
read_stream(FILE *f, size_t *len, size_t limit)
{
	size_t cap = 65536, n = 0;
	char *p = isms_xmalloc(cap + 1);
	for (;;) {
		size_t r = fread(p + n, 1, cap - n, f);
		n += r;
		if (n > limit) {
			free(p);
			fclose(f);
			errno = EFBIG;
			return NULL;
		}
		if (r == 0)
			break;
		if (n == cap) {
			cap *= 2;
			p = isms_xrealloc(p, cap + 1);
		}
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(p);
		errno = EIO;
		return NULL;
	}
	p[n] = '\0';
	if (len)
		*len = n;
	return p;
}

int
isms_fs_lock_at(int dirfd, const char *name, int wait)
{
	for (;;) {
		int fd = openat(dirfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0)
			return -1;
		while (flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		/* The holder before us removes the file when it is done: the lock counts
		 * only while our descriptor is still the file that bears the name. */
		struct stat a, b;
		if (fstat(fd, &a) == 0 && fstatat(dirfd, name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return fd;
		close(fd);
	}
}

void
isms_fs_unlock_at(int dirfd, const char *name, int fd)
{
	if (fd < 0)
		return;
	unlinkat(dirfd, name, 0);
	close(fd);
}

int
isms_fs_copy(const char *from, const char *to)
{
	size_t len;
	char *data = isms_fs_read_file(from, &len, (size_t)1 << 31);
	if (!data)
		return -1;
	int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int rc = fd < 0 ? -1 : write_all(fd, data, len);
	if (fd >= 0 && close(fd) < 0)
		rc = -1;
	free(data);
	return rc;
}

int
isms_fs_keep(const char *from, const char *to)
{
	if (link(from, to) == 0)
		return 0;
	if (errno == ENOENT)
		return -1;
	return isms_fs_copy(from, to); /* another file system, or links refused */
}

static char *
try_path(const char *dir, const char *rel)
{
	char p[PATH_MAX];
	if (snprintf(p, sizeof p, "%s/%s", dir, rel) >= (int)sizeof p)
		return NULL;
	return access(p, R_OK) == 0 ? isms_xstrdup(p) : NULL;
}

char *
isms_data_path(const char *rel)
{
	char *r;
	const char *env = getenv("ISMSPACK_DATADIR");
	if (env && *env)
		return try_path(env, rel);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0'; /* the executable's folder */
			char up[PATH_MAX + 32];
			snprintf(up, sizeof up, "%s/..", exe);
			if ((r = try_path(up, rel)))
				return r;
			snprintf(up, sizeof up, "%s/../share/ismspack", exe);
			if ((r = try_path(up, rel)))
				return r;
			snprintf(up, sizeof up, "%s/../..", exe); /* build/tests/x */
			if ((r = try_path(up, rel)))
				return r;
		}
	}
#ifdef ISMS_DATADIR
	return try_path(ISMS_DATADIR, rel);
#else
	return NULL;
#endif
}
