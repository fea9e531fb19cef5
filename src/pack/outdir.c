/* The folder a pack is published to (pack layer): one canonical name however the
 * user spells it, a lock beside it, a private temporary folder, and the rule that
 * ismspack replaces only an empty folder or a pack it wrote itself. */
#define _GNU_SOURCE
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pack.h"

#include "base/alloc.h"
#include "base/diag.h"
#include "base/fs.h"

/* Marks a temporary folder as ours until it is published. */
#define PARTIAL_MARK ".ismspack-partial"
#define MANIFEST_FORMAT "\"format\": \"ismspack-manifest/1\""

struct isms_outdir {
	char *shown;   /* the user's spelling, trailing slashes removed: for messages */
	char *parent;  /* canonical folder that holds the pack */
	char *base;    /* the pack's name in parent */
	char *path;    /* parent/base */
	char *lock;    /* ".base.lock" in parent */
	char *tmp;     /* ".base.tmp-XXXXXX" in parent while building, else NULL */
	char *tmppath; /* parent/tmp */
	int dirfd, lockfd;
};

int
isms_outdir_name_ok(const char *out)
{
	size_t n = strlen(out);
	while (n > 0 && out[n - 1] == '/')
		n--;
	if (n == 0) {
		isms_error(NULL, "--out \"%s\" names no folder: give the pack's own folder, "
		           "such as out/pack", out);
		return -1;
	}
	const char *b = out + n;
	while (b > out && b[-1] != '/')
		b--;
	size_t bl = (size_t)(out + n - b);
	if ((bl == 1 && b[0] == '.') || (bl == 2 && b[0] == '.' && b[1] == '.')) {
		isms_error(NULL, "--out \"%s\" names a folder by \".\" or \"..\": give the pack's "
		           "own folder, such as out/pack", out);
		return -1;
	}
	return 0;
}

/* Does the folder fd hold only what ismspack writes into a pack?  A pack is
 * recognised by its manifest.json; every entry must be a regular file the manifest
 * lists (or the manifest files themselves).  Empty folders qualify too.  On a
 * refusal, why receives the offending entry. */
static int
is_replaceable(int fd, char *why, size_t wsize)
{
	char *manifest = NULL;
	int mfd = openat(fd, "manifest.json", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (mfd >= 0) {
		struct stat st;
		if (fstat(mfd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (1 << 20)) {
			manifest = isms_xmalloc((size_t)st.st_size + 1);
			ssize_t r = read(mfd, manifest, (size_t)st.st_size);
			manifest[r > 0 ? r : 0] = '\0';
		}
		close(mfd);
	}
	int dfd = dup(fd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		free(manifest);
		snprintf(why, wsize, "cannot be read (%s)", strerror(errno));
		return 0;
	}
	int ok = 1;
	struct dirent *e;
	while (ok && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		struct stat st;
		if (fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode)) {
			snprintf(why, wsize, "it holds \"%s\", which is not a file of a pack", e->d_name);
			ok = 0;
			break;
		}
		if (!manifest || !strstr(manifest, MANIFEST_FORMAT)) {
			snprintf(why, wsize, "it is not empty and is not a pack written by ismspack "
			         "(no manifest.json of ismspack; it holds \"%s\")", e->d_name);
			ok = 0;
			break;
		}
		if (!strcmp(e->d_name, "manifest.json") || !strcmp(e->d_name, "MANIFEST.sha256") ||
		    isms_pack_signature_name(e->d_name))
			continue;
		char key[NAME_MAX + 16];
		snprintf(key, sizeof key, "{\"name\": \"%s\",", e->d_name);
		if (!strstr(manifest, key)) {
			snprintf(why, wsize, "it holds \"%s\", which the pack's manifest does not list",
			         e->d_name);
			ok = 0;
		}
	}
	closedir(d);
	free(manifest);
	return ok;
}

/* Is the file at path inside dir (dir itself included)?  Both canonical. */
static int
inside(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return !strncmp(path, dir, n) && (path[n] == '/' || path[n] == '\0');
}

/* Remove folders ".base.tmp-*" left beside the pack by runs that were killed: only
 * real folders (never a link) that hold our mark or are a whole pack (the old pack
 * of an interrupted exchange). */
static void
remove_stale(isms_outdir *o)
{
	char prefix[NAME_MAX + 16];
	snprintf(prefix, sizeof prefix, ".%s.tmp-", o->base);
	int dfd = dup(o->dirfd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
			continue;
		struct stat st;
		if (fstatat(o->dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
			continue;
		int fd = openat(o->dirfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			continue;
		char why[PATH_MAX];
		int ours = faccessat(fd, PARTIAL_MARK, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
		           is_replaceable(fd, why, sizeof why);
		close(fd);
		if (ours)
			isms_fs_remove_at(o->dirfd, e->d_name);
	}
	closedir(d);
}

static void
set_names(isms_outdir *o)
{
	size_t pl = strlen(o->parent), bl = strlen(o->base);
	o->path = isms_xmalloc(pl + bl + 2);
	sprintf(o->path, "%s%s%s", o->parent, strcmp(o->parent, "/") ? "/" : "", o->base);
	o->lock = isms_xmalloc(bl + 8);
	sprintf(o->lock, ".%s.lock", o->base);
}

int
isms_outdir_open(isms_outdir **out, const char *where, char *const *inputs,
                 size_t ninputs, int wait)
{
	*out = NULL;
	if (isms_outdir_name_ok(where) < 0)
		return ISMS_EXIT_USAGE;
	isms_outdir *o = isms_xcalloc(1, sizeof *o);
	o->dirfd = o->lockfd = -1;
	o->shown = isms_xstrdup(where);
	size_t n = strlen(o->shown);
	while (n > 1 && o->shown[n - 1] == '/')
		o->shown[--n] = '\0';
	char *slash = strrchr(o->shown, '/');
	char *parent = slash ? isms_xstrndup(o->shown, slash == o->shown ? 1 : (size_t)(slash - o->shown))
	                     : isms_xstrdup(".");
	o->base = isms_xstrdup(slash ? slash + 1 : o->shown);
	int rc = 0;
	/* the folders above the pack are created when missing (a fresh checkout's demo) */
	if (isms_fs_mkdir_p(parent, 0755) < 0) {
		isms_error(NULL, "cannot create %s: %s", parent, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
		goto done;
	}
	o->parent = realpath(parent, NULL);
	if (!o->parent) {
		isms_error(NULL, "cannot resolve %s: %s", parent, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
		goto done;
	}
	set_names(o);
	o->dirfd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->dirfd < 0) {
		isms_error(NULL, "cannot open %s: %s", o->parent, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
		goto done;
	}
	/* An input inside the pack would be replaced with it. */
	for (size_t i = 0; i < ninputs; i++) {
		char *real = realpath(inputs[i], NULL);
		int in = real && inside(real, o->path);
		free(real);
		if (in) {
			isms_error(NULL, "--out %s holds the input %s: a build replaces the whole "
			           "folder; choose another --out", o->shown, inputs[i]);
			rc = ISMS_EXIT_USAGE;
			goto done;
		}
	}
	o->lockfd = isms_fs_lock_at(o->dirfd, o->lock, wait);
	if (o->lockfd < 0) {
		int e = errno;
		if (e == EWOULDBLOCK) {
			isms_error(NULL, "%s is being written by another ismspack run (lock %s/%s); "
			           "try again later or pass --wait", o->shown, o->parent, o->lock);
			rc = ISMS_EXIT_TEMPFAIL;
		} else {
			isms_error(NULL, "cannot lock %s/%s: %s", o->parent, o->lock, strerror(e));
			rc = ISMS_EXIT_CANTCREAT;
		}
		goto done;
	}
	/* What is there now, checked under the lock. */
	struct stat st;
	if (fstatat(o->dirfd, o->base, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		char why[PATH_MAX];
		if (S_ISLNK(st.st_mode)) {
			isms_error(NULL, "--out %s is a symbolic link: ismspack never replaces a link "
			           "or what it points to; give the pack folder itself", o->shown);
			rc = ISMS_EXIT_CANTCREAT;
		} else if (!S_ISDIR(st.st_mode)) {
			isms_error(NULL, "--out %s exists and is not a folder: ismspack replaces only "
			           "an empty folder or a pack it wrote; nothing was changed", o->shown);
			rc = ISMS_EXIT_CANTCREAT;
		} else {
			int fd = openat(o->dirfd, o->base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0 || !is_replaceable(fd, why, sizeof why)) {
				if (fd < 0)
					snprintf(why, sizeof why, "it cannot be opened (%s)", strerror(errno));
				isms_error(NULL, "--out %s will not be replaced: %s; ismspack replaces only "
				           "an empty folder or a pack it wrote (choose a new folder)",
				           o->shown, why);
				rc = ISMS_EXIT_CANTCREAT;
			}
			if (fd >= 0)
				close(fd);
		}
	} else if (errno != ENOENT) {
		isms_error(NULL, "cannot examine %s: %s", o->shown, strerror(errno));
		rc = ISMS_EXIT_CANTCREAT;
	}
	if (rc == 0)
		remove_stale(o);
done:
	free(parent);
	if (rc) {
		isms_outdir_free(o);
		return rc;
	}
	*out = o;
	return 0;
}

const char *isms_outdir_path(const isms_outdir *o) { return o->path; }
const char *isms_outdir_shown(const isms_outdir *o) { return o->shown; }
const char *isms_outdir_tmp(const isms_outdir *o) { return o->tmppath; }

int
isms_outdir_begin(isms_outdir *o)
{
	char tmpl[PATH_MAX];
	if (snprintf(tmpl, sizeof tmpl, "%s/.%s.tmp-XXXXXX", o->parent, o->base) >= (int)sizeof tmpl) {
		isms_error(NULL, "--out %s: name too long", o->shown);
		return -1;
	}
	if (!mkdtemp(tmpl)) {
		isms_error(NULL, "cannot create a temporary folder beside %s: %s", o->shown,
		           strerror(errno));
		return -1;
	}
	o->tmppath = isms_xstrdup(tmpl);
	o->tmp = isms_xstrdup(strrchr(o->tmppath, '/') + 1);
	/* mkdtemp makes 0700; a published pack is readable like any folder (umask applies) */
	mode_t mask = umask(0);
	umask(mask);
	fchmodat(o->dirfd, o->tmp, 0777 & ~mask, 0);
	int mfd = openat(o->dirfd, o->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int mark = mfd < 0 ? -1 : openat(mfd, PARTIAL_MARK, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (mark >= 0)
		close(mark);
	if (mfd >= 0)
		close(mfd);
	if (mark < 0) {
		isms_error(NULL, "cannot write into a temporary folder beside %s: %s", o->shown,
		           strerror(errno));
		return -1;
	}
	isms_diag_alias(o->tmppath, o->shown);
	/* nothing in the folder is seen before publish's one sync pass */
	isms_fs_defer_sync(o->tmppath);
	return 0;
}

int
isms_outdir_publish(isms_outdir *o)
{
	int fd = openat(o->dirfd, o->tmp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || unlinkat(fd, PARTIAL_MARK, 0) < 0 || isms_fs_sync_tree_at(o->dirfd, o->tmp) < 0) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		isms_error(NULL, "cannot publish %s: %s (the previous pack is intact)", o->shown,
		           strerror(e));
		return -1;
	}
	close(fd);
	if (renameat2(o->dirfd, o->tmp, o->dirfd, o->base, RENAME_EXCHANGE) == 0) {
		/* the temporary name now holds the previous pack, checked under the lock */
		isms_fs_remove_at(o->dirfd, o->tmp);
	} else if (errno != ENOENT || renameat(o->dirfd, o->tmp, o->dirfd, o->base) < 0) {
		isms_error(NULL, "cannot publish %s: %s (the previous pack is intact)", o->shown,
		           strerror(errno));
		return -1;
	}
	free(o->tmp);
	o->tmp = NULL;
	fsync(o->dirfd);
	return 0;
}

void
isms_outdir_free(isms_outdir *o)
{
	if (!o)
		return;
	if (o->tmp)
		isms_fs_remove_at(o->dirfd, o->tmp);
	if (o->tmppath) {
		isms_diag_alias(NULL, NULL);
		isms_fs_defer_sync(NULL);
	}
	if (o->lockfd >= 0)
		isms_fs_unlock_at(o->dirfd, o->lock, o->lockfd);
	if (o->dirfd >= 0)
		close(o->dirfd);
	free(o->shown);
	free(o->parent);
	free(o->base);
	free(o->path);
	free(o->lock);
	free(o->tmp);
	free(o->tmppath);
	free(o);
}
