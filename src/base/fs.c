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
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
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
isms_fs_remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT ? 0 : unlink(path);
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char sub[PATH_MAX];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			rc |= isms_fs_remove_tree(sub);
		else
			rc |= unlink(sub);
	}
	closedir(d);
	rc |= rmdir(path);
	return rc ? -1 : 0;
}

static void
split(const char *target, char *dir, size_t dsize, const char **base)
{
	const char *slash = strrchr(target, '/');
	if (!slash) {
		snprintf(dir, dsize, ".");
		*base = target;
	} else if (slash == target) {
		snprintf(dir, dsize, "/");
		*base = slash + 1;
	} else {
		snprintf(dir, dsize, "%.*s", (int)(slash - target), target);
		*base = slash + 1;
	}
}

char *
isms_fs_temp_beside(const char *target)
{
	char dir[PATH_MAX], tmpl[PATH_MAX];
	const char *base;
	char t[PATH_MAX];
	snprintf(t, sizeof t, "%s", target);
	size_t n = strlen(t);
	while (n > 1 && t[n - 1] == '/')
		t[--n] = '\0';
	split(t, dir, sizeof dir, &base);
	if (snprintf(tmpl, sizeof tmpl, "%s/.%s.tmp-XXXXXX", dir, base) >= (int)sizeof tmpl) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (!mkdtemp(tmpl))
		return NULL;
	/* mkdtemp makes 0700; a published pack is readable like any folder (umask applies) */
	mode_t mask = umask(0);
	umask(mask);
	chmod(tmpl, 0777 & ~mask);
	return isms_xstrdup(tmpl);
}

static int
sync_tree(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
		char sub[PATH_MAX];
		snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
		struct stat st;
		if (lstat(sub, &st) < 0)
			return closedir(d), -1;
		if (S_ISDIR(st.st_mode)) {
			rc |= sync_tree(sub);
		} else {
			int f = open(sub, O_RDONLY | O_CLOEXEC);
			if (f < 0 || fsync(f) < 0)
				rc = -1;
			if (f >= 0)
				close(f);
		}
	}
	if (fsync(fd) < 0)
		rc = -1;
	closedir(d);
	return rc;
}

int
isms_fs_publish_dir(const char *tmpdir, const char *target)
{
	if (sync_tree(tmpdir) < 0)
		return -1;
	if (renameat2(AT_FDCWD, tmpdir, AT_FDCWD, target, RENAME_EXCHANGE) == 0) {
		/* tmpdir now names the previous pack. */
		isms_fs_remove_tree(tmpdir);
	} else if (errno == ENOENT) {
		if (rename(tmpdir, target) < 0)
			return -1;
	} else {
		return -1;
	}
	char dir[PATH_MAX];
	const char *base;
	split(target, dir, sizeof dir, &base);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return 0;
}

char *
isms_fs_read_file(const char *path, size_t *len, size_t limit)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
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
isms_fs_lock(const char *path, int wait)
{
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
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
	return fd;
}

void
isms_fs_remove_stale_temps(const char *target)
{
	char dir[PATH_MAX], t[PATH_MAX], prefix[PATH_MAX];
	const char *base;
	snprintf(t, sizeof t, "%s", target);
	size_t n = strlen(t);
	while (n > 1 && t[n - 1] == '/')
		t[--n] = '\0';
	split(t, dir, sizeof dir, &base);
	snprintf(prefix, sizeof prefix, ".%s.tmp-", base);
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char sub[PATH_MAX + 256];
		snprintf(sub, sizeof sub, "%s/%s", dir, e->d_name);
		isms_fs_remove_tree(sub);
	}
	closedir(d);
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
